// OpenAI's encoding_format: "float" is a JSON array of numbers, "base64" is the base64 of the little-endian float32
// bytes (what the openai client libraries decode with Float32Array / numpy.frombuffer). K-vectors travel the same way.
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Autonet.Inference.Encoders;

/// <summary>float32 vectors to and from base64 of their little-endian bytes.</summary>
public static class FloatCodec
{
    public static string ToBase64(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Decodes untrusted base64; false with the reason when it is not base64 of whole float32s.</summary>
    public static bool TryFromBase64(string text, out float[] values, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        values = [];
        var bytes = new byte[((text.Length + 3) / 4) * 3];
        if (!Convert.TryFromBase64String(text, bytes, out var written))
        {
            reason = $"is not base64 ({text.Length} characters)";
            return false;
        }
        if (written % sizeof(float) != 0)
        {
            reason = $"decodes to {written} bytes, not a whole number of float32s";
            return false;
        }
        values = new float[written / sizeof(float)];
        var source = bytes.AsSpan(0, written);
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(source).CopyTo(values);
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(i * sizeof(float))..]);
            }
        }
        reason = null;
        return true;
    }
}
