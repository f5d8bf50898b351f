using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>A model as raw little-endian floats.</summary>
internal sealed record FakeModel(float[] Values) : IModel
{
    public int ParameterCount => Values.Length;
}

/// <summary>
/// Models and deltas are raw little-endian float arrays; a delta decodes when its length is the model's and every
/// value is finite. Counts model decodes, so tests can show a role decodes the base once per task.
/// </summary>
internal sealed class FakeCodec : IModelCodec
{
    public int ModelDecodes { get; private set; }

    /// <summary>A dishonest aggregator's codec: writes base − delta instead of base + delta.</summary>
    public bool NegateModels { get; set; }

    public static byte[] Encode(ReadOnlySpan<float> values) => MemoryMarshal.AsBytes(values).ToArray();

    public static float[] Decode(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();

    public bool TryDecodeModel(byte[] bytes, [NotNullWhen(true)] out IModel? model, [NotNullWhen(false)] out string? reason)
    {
        ModelDecodes++;
        (model, reason) = bytes.Length % 4 == 0 && bytes.Length > 0 ? (new FakeModel(Decode(bytes)), null) : ((IModel?)null, $"{bytes.Length} bytes is not a model");
        return model is not null;
    }

    public bool TryDecodeDelta(IModel baseModel, byte[] bytes, [NotNullWhen(true)] out float[]? delta, [NotNullWhen(false)] out string? reason)
    {
        (delta, reason) = (null, null);
        if (bytes.Length != baseModel.ParameterCount * 4)
        {
            reason = $"delta has {bytes.Length / 4} values, model has {baseModel.ParameterCount}";
            return false;
        }

        var values = Decode(bytes);
        var bad = Array.FindIndex(values, v => !float.IsFinite(v));
        if (bad >= 0)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"delta value {bad} is {values[bad]}; deltas must be finite");
            return false;
        }

        delta = values;
        return true;
    }

    public byte[] EncodeDelta(IModel baseModel, float[] delta) => Encode(delta);

    public byte[] EncodeModel(IModel baseModel, ReadOnlySpan<float> delta)
    {
        var values = ((FakeModel)baseModel).Values.ToArray();
        for (var j = 0; j < values.Length; j++)
        {
            values[j] += NegateModels ? -delta[j] : delta[j];
        }

        return Encode(values);
    }
}
