using CsCheck;

namespace Autonet.Chain.Tests.Properties;

/// <summary>Generators of untrusted input: random bytes, and valid vectors with a few bytes overwritten, inserted or cut.</summary>
internal static class Mutation
{
    /// <summary>Either random bytes or a mutated copy of one of <paramref name="vectors"/>.</summary>
    public static Gen<byte[]> Of(IReadOnlyList<byte[]> vectors) =>
        Gen.Frequency(
            (1, Gen.Byte.Array[0, 300]),
            (4, Gen.Select(Gen.Int[0, vectors.Count - 1], Gen.Select(Gen.Int[0, 1 << 20], Gen.Byte, Gen.Int[0, 2]).Array[1, 6], Gen.Int[0, 4])
                .Select((index, edits, cut) => Apply(vectors[index], edits, cut))));

    private static byte[] Apply(byte[] vector, (int At, byte Value, int Kind)[] edits, int cut)
    {
        var bytes = vector.ToList();
        foreach (var (at, value, kind) in edits)
        {
            var i = bytes.Count == 0 ? 0 : at % bytes.Count;
            switch (kind)
            {
                case 0 when bytes.Count > 0: bytes[i] = value; break;
                case 1: bytes.Insert(i, value); break;
                default: if (bytes.Count > 0) { bytes.RemoveAt(i); } break;
            }
        }
        return cut == 0 && bytes.Count > 0 ? [.. bytes.Take(bytes.Count / 2)] : [.. bytes];
    }
}
