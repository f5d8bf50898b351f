// The `bad-reveal` attack's codec: an honest JepaCodec except that a "delta" is random bytes of a delta's size, so
// the solver commits to and reveals a well-formed content id whose bytes no coordinator can judge.
using Autonet.Core.Randomness;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>Writes random bytes for every delta; everything else is the honest codec.</summary>
public sealed class GarbageDeltaCodec(ulong seed) : HonestCodecExceptDeltas
{
    public override byte[] EncodeDelta(IModel baseModel, float[] delta)
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
