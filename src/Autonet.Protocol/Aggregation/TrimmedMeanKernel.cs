using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// Median and trimmed mean over one segment: per coordinate, the mean of the sorted scaled values at ranks
/// trim..n-1-trim, summed in double in ascending rank order from +0.0, then divided by n - 2·trim; optionally each
/// row's striped Σ x² (unscaled). Two vectors of coordinates per row at a time go through a compiled sorting network
/// (<see cref="CompiledNetwork"/>) that keeps all n values in registers. Min/max differ from IEEE only for NaN (the
/// caller rejects such input) and for which zero comes first, which cannot change a sum that starts at +0.0.
/// </summary>
internal static class TrimmedMeanKernel<TF, TD, TL>
    where TF : struct
    where TD : struct
    where TL : struct, ILanes<TF, TD>
{
    public static void Segment(
        RowView[] rows, float[] scales, int trim, NetworkSort<TF> network, float[] destination, int start, int length, Span<double> squares)
    {
        // Unchecked: every index is below start + length <= the row length (< 2^31), or below 2n for the lanes.
        unchecked
        {
            var n = rows.Length;
            var measure = !squares.IsEmpty;
            var lanes = ArrayPool<TF>.Shared.Rent(2 * n);
            var partials = ArrayPool<double>.Shared.Rent(n * StripedSum.Stripes);
            try
            {
                Array.Clear(partials, 0, n * StripedSum.Stripes);
                ref var lane = ref MemoryMarshal.GetArrayDataReference(lanes);
                ref var output = ref MemoryMarshal.GetArrayDataReference(destination);
                var kept = TL.Broadcast((double)(n - (2 * trim)));
                var chunk = 2 * TL.Count;
                var end = length - (length % chunk);
                for (var j = 0; j < end; j += chunk)
                {
                    for (var i = 0; i < n; i++)
                    {
                        ref var x = ref rows[i].At(start + j);
                        var scale = TL.Broadcast(scales[i]);
                        Unsafe.Add(ref lane, i) = TL.Scale(TL.Load(ref x, 0), scale);
                        Unsafe.Add(ref lane, n + i) = TL.Scale(TL.Load(ref x, TL.Count), scale);
                        if (measure)
                        {
                            var (l0, h0) = TL.LoadWidened(ref x, 0); // from L1 again: fewer instructions than widening the loaded vectors
                            var (l1, h1) = TL.LoadWidened(ref x, TL.Count);
                            ref var p = ref partials[i * StripedSum.Stripes];
                            Stripes<TF, TD, TL>.Load(ref p, out var p0, out var p1, out var p2, out var p3);
                            Stripes<TF, TD, TL>.AddSquares(ref p0, ref p1, ref p2, ref p3, l0, h0, l1, h1);
                            Stripes<TF, TD, TL>.Store(ref p, p0, p1, p2, p3);
                        }
                    }

                    network(ref lane);
                    network(ref Unsafe.Add(ref lane, n));
                    TL.Store(MeanOfRanks(ref lane, trim, n - trim, kept), ref output, start + j);
                    TL.Store(MeanOfRanks(ref Unsafe.Add(ref lane, n), trim, n - trim, kept), ref output, start + j + TL.Count);
                }

                Tail(rows, scales, trim, destination, start, end, length, measure ? partials : null);
                for (var i = 0; measure && i < n; i++)
                {
                    squares[i] = StripedSum.Combine(partials.AsSpan(i * StripedSum.Stripes, StripedSum.Stripes));
                }
            }
            finally
            {
                ArrayPool<TF>.Shared.Return(lanes);
                ArrayPool<double>.Shared.Return(partials);
            }
        }
    }

    // Σ of ranks [from, to) in double, ascending from +0.0, / kept, rounded to float.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF MeanOfRanks(ref TF sorted, int from, int to, TD kept)
    {
        TD lower = default, upper = default;
        for (var r = from; r < to; r = unchecked(r + 1))
        {
            var (l, h) = TL.Widen(Unsafe.Add(ref sorted, r));
            lower = TL.Add(lower, l);
            upper = TL.Add(upper, h);
        }

        return TL.Narrow(TL.Divide(lower, kept), TL.Divide(upper, kept));
    }

    // The last segment's length mod chunk coordinates: the reference's sort and sum.
    private static void Tail(RowView[] rows, float[] scales, int trim, float[] destination, int start, int from, int to, double[]? partials)
    {
        var n = rows.Length;
        var column = ArrayPool<float>.Shared.Rent(n);
        try
        {
            for (var j = from; j < to; j++)
            {
                for (var i = 0; i < n; i++)
                {
                    var value = rows[i].At(start + j);
                    column[i] = value * scales[i];
                    if (partials is not null)
                    {
                        partials[(i * StripedSum.Stripes) + (j % StripedSum.Stripes)] += (double)value * value;
                    }
                }

                Array.Sort(column, 0, n);
                var sum = 0.0;
                for (var r = trim; r < n - trim; r++)
                {
                    sum += column[r];
                }

                destination[start + j] = (float)(sum / (n - (2 * trim)));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(column);
        }
    }
}
