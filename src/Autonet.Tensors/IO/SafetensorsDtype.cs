using System.Buffers.Binary;

namespace Autonet.Tensors.IO;

/// <summary>
/// The element types PyTorch's safetensors writes (huggingface/safetensors, "Dtype") that we read, each converted to
/// float32 for the engine: F16, BF16, F32, F64, I8, U8, I16, I32, I64, BOOL. Integers above 2^24 and F64 lose
/// precision in the conversion, as torch's tensor.float() does. Writing stays F32 only.
/// </summary>
internal static class SafetensorsDtype
{
    /// <summary>The dtypes we read, for messages.</summary>
    public const string Supported = "F16, BF16, F32, F64, I8, U8, I16, I32, I64, BOOL";

    /// <summary>Bytes per element, or 0 for a dtype we do not read.</summary>
    public static int Size(string dtype) => dtype switch
    {
        "BOOL" or "U8" or "I8" => 1,
        "F16" or "BF16" or "I16" => 2,
        "F32" or "I32" => 4,
        "F64" or "I64" => 8,
        _ => 0,
    };

    /// <summary>Converts little-endian elements of <paramref name="dtype"/> to floats; false names a bad BOOL byte.</summary>
    public static bool TryConvert(string dtype, ReadOnlySpan<byte> raw, Span<float> destination, out string problem)
    {
        problem = "";
        var n = destination.Length; // raw.Length == n * Size(dtype), checked by the caller
        switch (dtype)
        {
            case "F16":
                for (var i = 0; i < n; i++)
                {
                    destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(raw[(2 * i)..]);
                }
                return true;
            case "BF16":
                // bfloat16 is the top half of a float32, so widening is a shift.
                for (var i = 0; i < n; i++)
                {
                    destination[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(raw[(2 * i)..]) << 16);
                }
                return true;
            case "F32":
                for (var i = 0; i < n; i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * i)..]);
                }
                return true;
            case "F64":
                for (var i = 0; i < n; i++)
                {
                    destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(raw[(8 * i)..]);
                }
                return true;
            case "I8":
                for (var i = 0; i < n; i++)
                {
                    destination[i] = (sbyte)raw[i];
                }
                return true;
            case "U8":
                for (var i = 0; i < n; i++)
                {
                    destination[i] = raw[i];
                }
                return true;
            case "I16":
                for (var i = 0; i < n; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt16LittleEndian(raw[(2 * i)..]);
                }
                return true;
            case "I32":
                for (var i = 0; i < n; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt32LittleEndian(raw[(4 * i)..]);
                }
                return true;
            case "I64":
                for (var i = 0; i < n; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt64LittleEndian(raw[(8 * i)..]);
                }
                return true;
            default: // BOOL
                for (var i = 0; i < n; i++)
                {
                    if (raw[i] > 1)
                    {
                        problem = $"BOOL element {i} is 0x{raw[i]:x2}, not 0 or 1";
                        return false;
                    }
                    destination[i] = raw[i];
                }
                return true;
        }
    }
}
