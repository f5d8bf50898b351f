using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Autonet.Protocol.Aggregation;

/// <summary>Copies one block of an update into kernel scratch, scaled (x · s in float) and optionally widened to double.</summary>
internal static class BlockCopy
{
    public static void ScaleInto(ReadOnlySpan<float> source, float scale, Span<float> destination)
    {
        // Unchecked: every index is below n × length or n × Block, sizes of arrays that already exist, so < 2^31.
        unchecked
        {
            ref var x = ref MemoryMarshal.GetReference(source);
            ref var y = ref MemoryMarshal.GetReference(destination);
            var factor = Vector256.Create(scale);
            var end = source.Length - (source.Length % 8);
            var j = 0;
            for (; j < end; j += 8)
            {
                (Vector256.LoadUnsafe(ref x, (nuint)j) * factor).StoreUnsafe(ref y, (nuint)j);
            }

            for (; j < source.Length; j++)
            {
                destination[j] = source[j] * scale;
            }
        }
    }

    public static void WidenInto(ReadOnlySpan<float> source, float scale, Span<double> destination)
    {
        // Unchecked: every index is below n × length or n × Block, sizes of arrays that already exist, so < 2^31.
        unchecked
        {
            ref var x = ref MemoryMarshal.GetReference(source);
            ref var y = ref MemoryMarshal.GetReference(destination);
            var factor = Vector256.Create(scale);
            var end = source.Length - (source.Length % 8);
            var j = 0;
            for (; j < end; j += 8)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref x, (nuint)j) * factor);
                lo.StoreUnsafe(ref y, (nuint)j);
                hi.StoreUnsafe(ref y, (nuint)(j + 4));
            }

            for (; j < source.Length; j++)
            {
                destination[j] = source[j] * scale;
            }
        }
    }
}
