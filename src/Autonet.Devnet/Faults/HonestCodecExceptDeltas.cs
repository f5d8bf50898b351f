// The base of the attack codecs (like ForwardingChain for the chain): models are read and written by the honest
// JepaCodec, and deltas are read by it too; a subclass only writes its own kind of bad delta.
using System.Diagnostics.CodeAnalysis;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>An <see cref="IModelCodec"/> that is the honest codec in everything but <see cref="EncodeDelta"/>.</summary>
public abstract class HonestCodecExceptDeltas : IModelCodec
{
    /// <summary>The honest codec everything else goes to.</summary>
    protected JepaCodec Honest { get; } = new();

    public bool TryDecodeModel(byte[] bytes, [NotNullWhen(true)] out IModel? model, [NotNullWhen(false)] out string? reason) =>
        Honest.TryDecodeModel(bytes, out model, out reason);

    public bool TryDecodeDelta(IModel baseModel, byte[] bytes, [NotNullWhen(true)] out float[]? delta, [NotNullWhen(false)] out string? reason) =>
        Honest.TryDecodeDelta(baseModel, bytes, out delta, out reason);

    public byte[] EncodeModel(IModel baseModel, ReadOnlySpan<float> delta) => Honest.EncodeModel(baseModel, delta);

    /// <summary>The attack: the bytes this codec writes for a delta.</summary>
    public abstract byte[] EncodeDelta(IModel baseModel, float[] delta);
}
