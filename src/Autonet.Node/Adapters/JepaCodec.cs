// The Protocol's model codec over Autonet.Training's formats: a model is ModelBytes (JepaCheckpoint's model file), a
// delta is WeightDelta's one format, decoded with its Try form (names, shapes, manifest, finiteness).
using System.Diagnostics.CodeAnalysis;
using Autonet.Protocol.Ports;
using Autonet.Training.Deltas;
using Autonet.Training.Jepa;

namespace Autonet.Node.Adapters;

/// <summary>JEPA models and weight deltas as bytes.</summary>
public sealed class JepaCodec : IModelCodec
{
    public bool TryDecodeModel(byte[] bytes, [NotNullWhen(true)] out IModel? model, [NotNullWhen(false)] out string? reason)
    {
        model = ModelBytes.TryDeserialize(bytes, out var decoded, out reason) ? new JepaBase(decoded) : null;
        return model is not null;
    }

    public bool TryDecodeDelta(IModel baseModel, byte[] bytes, [NotNullWhen(true)] out float[]? delta, [NotNullWhen(false)] out string? reason) =>
        WeightDelta.TryDecode(JepaBase.Of(baseModel), bytes, out delta, out reason);

    public byte[] EncodeDelta(IModel baseModel, float[] delta) => WeightDelta.Encode(JepaBase.Of(baseModel), delta);

    public byte[] EncodeModel(IModel baseModel, ReadOnlySpan<float> delta)
    {
        var model = ModelBytes.Copy(JepaBase.Of(baseModel));
        WeightDelta.Apply(model, delta);
        return ModelBytes.Serialize(model);
    }
}
