using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// Vector256 accumulation into the 16 striped partial sums of <see cref="StripedSum"/> (lanes 0..15 = j mod 16),
/// the order <see cref="ReferenceKernels"/> follows with plain loops; blocks must start at a multiple of 16.
/// </summary>
internal static class StripedVectorSums
{
    // partials[k] += Σ x_j² over j ≡ k (mod 16), in increasing j; callers pass blocks starting at a multiple of 16.
    public static void AccumulateSquares(ReadOnlySpan<float> values, Span<double> partials)
    {
        // Unchecked: every index is below n × length or n × Block, sizes of arrays that already exist, so < 2^31.
        unchecked
        {
            ref var x = ref MemoryMarshal.GetReference(values);
            ref var p = ref MemoryMarshal.GetReference(partials);
            var s0 = Vector256.LoadUnsafe(ref p, 0);
            var s1 = Vector256.LoadUnsafe(ref p, 4);
            var s2 = Vector256.LoadUnsafe(ref p, 8);
            var s3 = Vector256.LoadUnsafe(ref p, 12);
            var end = values.Length - (values.Length % StripedSum.Stripes);
            var j = 0;
            for (; j < end; j += StripedSum.Stripes)
            {
                var (a0, a1) = Vector256.Widen(Vector256.LoadUnsafe(ref x, (nuint)j));
                var (a2, a3) = Vector256.Widen(Vector256.LoadUnsafe(ref x, (nuint)(j + 8)));
                s0 += a0 * a0;
                s1 += a1 * a1;
                s2 += a2 * a2;
                s3 += a3 * a3;
            }

            Store(partials, s0, s1, s2, s3);
            for (; j < values.Length; j++)
            {
                double v = values[j];
                partials[j % StripedSum.Stripes] += v * v;
            }
        }
    }

    // partials[k] += Σ (x_j − y_j)² over j ≡ k (mod 16), in increasing j: the striped order of the reference.
    public static void AccumulateDistance(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> partials)
    {
        // Unchecked: every index is below n × length or n × Block, sizes of arrays that already exist, so < 2^31.
        unchecked
        {
            ref var px = ref MemoryMarshal.GetReference(x);
            ref var py = ref MemoryMarshal.GetReference(y);
            ref var p = ref MemoryMarshal.GetReference(partials);
            var s0 = Vector256.LoadUnsafe(ref p, 0);
            var s1 = Vector256.LoadUnsafe(ref p, 4);
            var s2 = Vector256.LoadUnsafe(ref p, 8);
            var s3 = Vector256.LoadUnsafe(ref p, 12);
            var end = x.Length - (x.Length % StripedSum.Stripes);
            var j = 0;
            for (; j < end; j += StripedSum.Stripes)
            {
                var d0 = Vector256.LoadUnsafe(ref px, (nuint)j) - Vector256.LoadUnsafe(ref py, (nuint)j);
                var d1 = Vector256.LoadUnsafe(ref px, (nuint)(j + 4)) - Vector256.LoadUnsafe(ref py, (nuint)(j + 4));
                var d2 = Vector256.LoadUnsafe(ref px, (nuint)(j + 8)) - Vector256.LoadUnsafe(ref py, (nuint)(j + 8));
                var d3 = Vector256.LoadUnsafe(ref px, (nuint)(j + 12)) - Vector256.LoadUnsafe(ref py, (nuint)(j + 12));
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }

            Store(partials, s0, s1, s2, s3);
            for (; j < x.Length; j++)
            {
                var d = x[j] - y[j];
                partials[j % StripedSum.Stripes] += d * d;
            }
        }
    }

    public static void Store(Span<double> partials, Vector256<double> s0, Vector256<double> s1, Vector256<double> s2, Vector256<double> s3)
    {
        s0.CopyTo(partials);
        s1.CopyTo(partials[4..]);
        s2.CopyTo(partials[8..]);
        s3.CopyTo(partials[12..]);
    }
}
