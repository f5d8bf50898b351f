using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// Median and trimmed mean over one segment: per coordinate, the mean of the sorted scaled values at ranks
/// trim..n-1-trim, summed in double in ascending rank order from +0.0, then divided by n - 2·trim; optionally each
/// row's striped Σ x² (unscaled). Four vectors of coordinates per row at a time go through a compiled sorting network
/// (<see cref="CompiledNetwork"/>, two columns per call) that keeps all 2n values of a call in registers. Min/max differ from
/// IEEE only for NaN (the caller rejects such input) and for which zero comes first, which cannot change a sum that
/// starts at +0.0. Exact shortcuts only: x · 1 is x, and dividing by a power of two (the median's 1 or 2 kept ranks) is
/// multiplying by its reciprocal, both rounded once from the same real value.
/// </summary>
internal static class TrimmedMeanKernel<TF, TD, TL>
    where TF : unmanaged
    where TD : struct
    where TL : struct, ILanes<TF, TD>
{
    public static void Segment(
        RowView[] rows, float[] scales, int trim, NetworkSort<TF> network, float[] destination, int start, int length, Span<double> squares)
    {
        // Unchecked: every index is below start + length <= the row length (< 2^31), or below 4n for the lanes.
        unchecked
        {
            var n = rows.Length;
            var measure = !squares.IsEmpty;
            // Cache-line aligned: from pooled arrays every Vector512 store and load of a lane or partial straddled two lines.
            using var laneBuffer = new AlignedBuffer<TF>(4 * n);
            using var partialBuffer = new AlignedBuffer<double>(n * StripedSum.Stripes);
            var partials = partialBuffer.Span;
            {
                ref var lane = ref MemoryMarshal.GetReference(laneBuffer.Span);
                ref var output = ref MemoryMarshal.GetArrayDataReference(destination);
                var count = n - (2 * trim);
                var exact = (count & (count - 1)) == 0; // a power of two: x / count == x · (1 / count) exactly
                var kept = TL.Broadcast(exact ? 1.0 / count : count);
                // Four vectors of coordinates per row at a time (256 B with Vector512): each row is read in runs of four
                // cache lines, which streamed from memory faster than runs of two; the network sorts them as two pairs.
                var chunk = 4 * TL.Count;
                var end = length - (length % chunk);
                for (var j = 0; j < end; j += chunk)
                {
                    for (var i = 0; i < n; i++)
                    {
                        ref var x = ref rows[i].At(start + j);
                        if (scales[i] == 1f)
                        {
                            Unsafe.Add(ref lane, i) = TL.Load(ref x, 0);
                            Unsafe.Add(ref lane, n + i) = TL.Load(ref x, TL.Count);
                            Unsafe.Add(ref lane, (2 * n) + i) = TL.Load(ref x, 2 * TL.Count);
                            Unsafe.Add(ref lane, (3 * n) + i) = TL.Load(ref x, 3 * TL.Count);
                        }
                        else
                        {
                            var scale = TL.Broadcast(scales[i]);
                            Unsafe.Add(ref lane, i) = TL.Scale(TL.Load(ref x, 0), scale);
                            Unsafe.Add(ref lane, n + i) = TL.Scale(TL.Load(ref x, TL.Count), scale);
                            Unsafe.Add(ref lane, (2 * n) + i) = TL.Scale(TL.Load(ref x, 2 * TL.Count), scale);
                            Unsafe.Add(ref lane, (3 * n) + i) = TL.Scale(TL.Load(ref x, 3 * TL.Count), scale);
                        }

                        if (measure)
                        {
                            // From L1 again: fewer instructions than widening the loaded vectors. Two steps, in coordinate order.
                            ref var p = ref Unsafe.Add(ref MemoryMarshal.GetReference(partials), i * StripedSum.Stripes);
                            Stripes<TF, TD, TL>.Load(ref p, out var p0, out var p1, out var p2, out var p3);
                            var (l0, h0) = TL.LoadWidened(ref x, 0);
                            var (l1, h1) = TL.LoadWidened(ref x, TL.Count);
                            Stripes<TF, TD, TL>.AddSquaresOfFloats(ref p0, ref p1, ref p2, ref p3, l0, h0, l1, h1);
                            var (l2, h2) = TL.LoadWidened(ref x, 2 * TL.Count);
                            var (l3, h3) = TL.LoadWidened(ref x, 3 * TL.Count);
                            Stripes<TF, TD, TL>.AddSquaresOfFloats(ref p0, ref p1, ref p2, ref p3, l2, h2, l3, h3);
                            Stripes<TF, TD, TL>.Store(ref p, p0, p1, p2, p3);
                        }
                    }

                    network(ref lane);
                    network(ref Unsafe.Add(ref lane, 2 * n));
                    for (var v = 0; v < 4; v++)
                    {
                        TL.Store(MeanOfRanks(ref Unsafe.Add(ref lane, v * n), trim, n - trim, kept, exact), ref output, start + j + (v * TL.Count));
                    }
                }

                Tail(rows, scales, trim, destination, start, end, length, measure, partials);
                for (var i = 0; measure && i < n; i++)
                {
                    squares[i] = StripedSum.Combine(partials.Slice(i * StripedSum.Stripes, StripedSum.Stripes));
                }
            }
        }
    }

    // Σ of ranks [from, to) in double, ascending from +0.0, / kept (· kept, its reciprocal, when exact), rounded to float.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF MeanOfRanks(ref TF sorted, int from, int to, TD kept, bool exact)
    {
        TD lower = default, upper = default;
        for (var r = from; r < to; r = unchecked(r + 1))
        {
            var (l, h) = TL.Widen(Unsafe.Add(ref sorted, r));
            lower = TL.Add(lower, l);
            upper = TL.Add(upper, h);
        }

        return exact
            ? TL.Narrow(TL.Multiply(lower, kept), TL.Multiply(upper, kept))
            : TL.Narrow(TL.Divide(lower, kept), TL.Divide(upper, kept));
    }

    // The last segment's length mod chunk coordinates: the reference's sort and sum.
    private static void Tail(RowView[] rows, float[] scales, int trim, float[] destination, int start, int from, int to, bool measure, Span<double> partials)
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
                    if (measure)
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
