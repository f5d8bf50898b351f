// The `bad-reveal` attack's codec: an honest JepaCodec except that a "delta" is random bytes of a delta's size, so
// the solver commits to and reveals a well-formed content id whose bytes no coordinator can judge.
using System.Diagnostics.CodeAnalysis;
using Autonet.Core.Randomness;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>Writes random bytes for every delta; everything else is the honest codec.</summary>
public sealed class GarbageDeltaCodec(ulong seed) : IModelCodec
{
    private readonly JepaCodec _honest = new();

    public bool TryDecodeModel(byte[] bytes, [NotNullWhen(true)] out IModel? model, [NotNullWhen(false)] out string? reason) =>
        _honest.TryDecodeModel(bytes, out model, out reason);

    public bool TryDecodeDelta(IModel baseModel, byte[] bytes, [NotNullWhen(true)] out float[]? delta, [NotNullWhen(false)] out string? reason) =>
        _honest.TryDecodeDelta(baseModel, bytes, out delta, out reason);

    public byte[] EncodeModel(IModel baseModel, ReadOnlySpan<float> delta) => _honest.EncodeModel(baseModel, delta);

    public byte[] EncodeDelta(IModel baseModel, float[] delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var random = new SeededRandom(seed);
        var bytes = new byte[delta.Length * sizeof(float)];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)random.NextUInt64();
        }
        return bytes;
    }
}
