// The publish-wrong aggregator's codec: it writes base − aggregate where the honest codec writes base + aggregate, so
// the model it places and publishes is well formed, decodes, and has the right architecture, but is not what the task's
// accepted deltas give. Everything else is the honest JepaCodec.
using System.Diagnostics.CodeAnalysis;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>An <see cref="IModelCodec"/> that negates the aggregate before applying it to the base model.</summary>
public sealed class WrongAggregateCodec : IModelCodec
{
    private readonly JepaCodec _honest = new();

    public bool TryDecodeModel(byte[] bytes, [NotNullWhen(true)] out IModel? model, [NotNullWhen(false)] out string? reason) =>
        _honest.TryDecodeModel(bytes, out model, out reason);

    public bool TryDecodeDelta(IModel baseModel, byte[] bytes, [NotNullWhen(true)] out float[]? delta, [NotNullWhen(false)] out string? reason) =>
        _honest.TryDecodeDelta(baseModel, bytes, out delta, out reason);

    public byte[] EncodeDelta(IModel baseModel, float[] delta) => _honest.EncodeDelta(baseModel, delta);

    public byte[] EncodeModel(IModel baseModel, ReadOnlySpan<float> delta)
    {
        var negated = new float[delta.Length];
        System.Numerics.Tensors.TensorPrimitives.Negate(delta, negated);
        return _honest.EncodeModel(baseModel, negated);
    }
}
