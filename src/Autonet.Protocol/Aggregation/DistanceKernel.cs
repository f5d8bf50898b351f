using System.Buffers;
using System.Runtime.InteropServices;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// Krum's pass over one segment: for every pair a &lt; b, the striped Σ ((double)(x_a·s_a) − (double)(x_b·s_b))²,
/// and optionally each row's striped Σ x² (unscaled). Blocks of <see cref="Block"/> coordinates are widened once
/// into a double scratch (n × 8 KB, in L2), then every pair is streamed from it with its partials in registers.
/// </summary>
internal static class DistanceKernel<TF, TD, TL>
    where TF : struct
    where TD : struct
    where TL : struct, ILanes<TF, TD>
{
    // A divisor of Segments.Length, so only the last block of the last segment is short.
    private const int Block = 1024;

    /// <summary>pairSums[pair] for pairs (0,1), (0,2), …, (n-2,n-1) in that order; squares[i] when not empty.</summary>
    public static void Segment(RowView[] rows, float[] scales, int start, int length, Span<double> pairSums, Span<double> squares)
    {
        // Unchecked: every index is below start + length <= the row length (< 2^31) or n × Block or pairs × 16.
        unchecked
        {
            var n = rows.Length;
            var pairs = n * (n - 1) / 2;
            var scratch = ArrayPool<double>.Shared.Rent(n * Block);
            var partials = ArrayPool<double>.Shared.Rent(Math.Max(pairs, 1) * StripedSum.Stripes);
            try
            {
                Array.Clear(partials, 0, pairs * StripedSum.Stripes);
                for (var block = 0; block < length; block += Block)
                {
                    var size = Math.Min(Block, length - block);
                    Widen(rows, scales, start + block, size, scratch);
                    var pair = 0;
                    for (var a = 0; a < n; a++)
                    {
                        for (var b = a + 1; b < n; b++, pair++)
                        {
                            Accumulate(scratch.AsSpan(a * Block, size), scratch.AsSpan(b * Block, size), partials.AsSpan(pair * StripedSum.Stripes, StripedSum.Stripes));
                        }
                    }
                }

                for (var pair = 0; pair < pairs; pair++)
                {
                    pairSums[pair] = StripedSum.Combine(partials.AsSpan(pair * StripedSum.Stripes, StripedSum.Stripes));
                }

                for (var i = 0; i < squares.Length; i++)
                {
                    squares[i] = SquaresKernel<TF, TD, TL>.Segment(rows[i], start, length); // the segment is still in L2/L3
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(scratch);
                ArrayPool<double>.Shared.Return(partials);
            }
        }
    }

    // scratch[i·Block + j] = (double)(x_ij · s_i) for the block, a vector of every row in turn (all rows streamed
    // together: reading each row's 1024 floats in one go measured at half the bandwidth).
    private static void Widen(RowView[] rows, float[] scales, int start, int size, double[] scratch)
    {
        unchecked
        {
            ref var y = ref MemoryMarshal.GetArrayDataReference(scratch);
            var half = TL.Count / 2;
            var end = size - (size % TL.Count);
            for (var j = 0; j < end; j += TL.Count)
            {
                for (var i = 0; i < rows.Length; i++)
                {
                    var (lower, upper) = TL.Widen(TL.Scale(TL.Load(ref rows[i].At(start), j), TL.Broadcast(scales[i])));
                    TL.StoreDouble(lower, ref y, (i * Block) + j);
                    TL.StoreDouble(upper, ref y, (i * Block) + j + half);
                }
            }

            for (var i = 0; i < rows.Length; i++)
            {
                for (var j = end; j < size; j++)
                {
                    scratch[(i * Block) + j] = rows[i].At(start + j) * scales[i];
                }
            }
        }
    }

    // partials[j mod 16] += (x_j − y_j)², in increasing j; x and y start at a multiple of 16 coordinates.
    private static void Accumulate(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> partials)
    {
        unchecked
        {
            ref var px = ref MemoryMarshal.GetReference(x);
            ref var py = ref MemoryMarshal.GetReference(y);
            ref var p = ref MemoryMarshal.GetReference(partials);
            Stripes<TF, TD, TL>.Load(ref p, out var p0, out var p1, out var p2, out var p3);
            var half = TL.Count / 2;
            var step = 2 * TL.Count;
            var end = x.Length - (x.Length % step);
            var j = 0;
            for (; j < end; j += step)
            {
                var d0 = TL.Subtract(TL.LoadDouble(ref px, j), TL.LoadDouble(ref py, j));
                var d1 = TL.Subtract(TL.LoadDouble(ref px, j + half), TL.LoadDouble(ref py, j + half));
                var d2 = TL.Subtract(TL.LoadDouble(ref px, j + (2 * half)), TL.LoadDouble(ref py, j + (2 * half)));
                var d3 = TL.Subtract(TL.LoadDouble(ref px, j + (3 * half)), TL.LoadDouble(ref py, j + (3 * half)));
                Stripes<TF, TD, TL>.AddSquares(ref p0, ref p1, ref p2, ref p3, d0, d1, d2, d3);
            }

            Stripes<TF, TD, TL>.Store(ref p, p0, p1, p2, p3);
            for (; j < x.Length; j++)
            {
                var d = x[j] - y[j];
                partials[j % StripedSum.Stripes] += d * d;
            }
        }
    }
}
