using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// FedAvg's pass over one segment: dest_j = (float) Σ_i (double)(x_ij · s_i) · w_i, rows in order, and optionally each
/// row's striped Σ x² (then every s_i is 1, so the widened x · s is x). Column order: 8 vectors of coordinates at a time,
/// their 16 double accumulators in registers across all rows, so each row is streamed once and nothing is stored but
/// the output. No scratch copy: reading 1024-float blocks row after row streamed at half the speed of long runs here.
/// </summary>
internal static class WeightedMeanKernel<TF, TD, TL>
    where TF : struct
    where TD : struct
    where TL : struct, ILanes<TF, TD>
{
    public static void Segment(RowView[] rows, float[] scales, double[] weights, float[] destination, int start, int length, Span<double> squares)
    {
        // Unchecked: every index is below start + length <= the row length, which is < 2^31.
        unchecked
        {
            var n = rows.Length;
            var measure = !squares.IsEmpty;
            // Cache-line aligned: the rows' zmm loads and stores of partials each straddled two lines from a pooled array.
            using var buffer = new AlignedBuffer<double>(n * StripedSum.Stripes);
            var partials = buffer.Span;
            {
                // Decided once per segment, so the column loop is compiled without a branch per row and vector.
                var unscaled = Array.TrueForAll(scales, s => s == 1f);
                var end = (unscaled, measure) switch
                {
                    (true, true) => Columns<Yes, Yes>(rows, scales, weights, destination, start, length, partials),
                    (true, false) => Columns<Yes, No>(rows, scales, weights, destination, start, length, partials),
                    (false, false) => Columns<No, No>(rows, scales, weights, destination, start, length, partials),
                    (false, true) => throw new InvalidOperationException("the weighted mean measures Σ x² only when every scale is 1"),
                };

                // The last segment's length mod chunk coordinates: the reference's loop.
                for (var j = end; j < length; j++)
                {
                    var sum = 0.0;
                    for (var i = 0; i < n; i++)
                    {
                        var value = rows[i].At(start + j);
                        sum += (double)(value * scales[i]) * weights[i];
                        partials[(i * StripedSum.Stripes) + (j % StripedSum.Stripes)] += (double)value * value;
                    }

                    destination[start + j] = (float)sum;
                }

                for (var i = 0; measure && i < n; i++)
                {
                    squares[i] = StripedSum.Combine(partials.Slice(i * StripedSum.Stripes, StripedSum.Stripes));
                }
            }
        }
    }

    // The chunks of one segment (FedAvg's column loop); returns where the remainder starts. TUnscaled: every scale is
    // 1 (x · 1 = x exactly, so each vector converts straight from memory); TMeasure: also each row's striped Σ x²
    // (only when unscaled: then the widened values are x itself).
    private static int Columns<TUnscaled, TMeasure>(RowView[] rows, float[] scales, double[] weights, float[] destination, int start, int length, Span<double> partials)
        where TUnscaled : struct, IFlag
        where TMeasure : struct, IFlag
    {
        unchecked
        {
            var n = rows.Length;
            ref var output = ref MemoryMarshal.GetArrayDataReference(destination);
            // Eight vectors of coordinates at a time (512 B of each row with Vector512, 16 double accumulators): each
            // row is read in runs of eight cache lines, which streamed from memory faster than runs of four.
            var chunk = 8 * TL.Count;
            var end = length - (length % chunk);
            for (var j = 0; j < end; j += chunk)
            {
                TD a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                TD b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default, b6 = default, b7 = default;
                for (var i = 0; i < n; i++)
                {
                    ref var x = ref rows[i].At(start + j);
                    var weight = TL.Broadcast(weights[i]);
                    var scale = TUnscaled.On ? default : TL.Broadcast(scales[i]);
                    // Each half's squares are added as soon as its sums are, so at most eight widened vectors
                    // are live at a time: with all sixteen, two accumulators spilled to the stack every row.
                    ref var p = ref Unsafe.Add(ref MemoryMarshal.GetReference(partials), i * StripedSum.Stripes);
                    TD p0 = default, p1 = default, p2 = default, p3 = default;
                    if (TMeasure.On)
                    {
                        Stripes<TF, TD, TL>.Load(ref p, out p0, out p1, out p2, out p3);
                    }

                    var (l0, h0) = Widened<TUnscaled>(ref x, 0, scale);
                    var (l1, h1) = Widened<TUnscaled>(ref x, 1, scale);
                    var (l2, h2) = Widened<TUnscaled>(ref x, 2, scale);
                    var (l3, h3) = Widened<TUnscaled>(ref x, 3, scale);
                    a0 = TL.Add(a0, TL.Multiply(l0, weight));
                    a1 = TL.Add(a1, TL.Multiply(h0, weight));
                    a2 = TL.Add(a2, TL.Multiply(l1, weight));
                    a3 = TL.Add(a3, TL.Multiply(h1, weight));
                    a4 = TL.Add(a4, TL.Multiply(l2, weight));
                    a5 = TL.Add(a5, TL.Multiply(h2, weight));
                    a6 = TL.Add(a6, TL.Multiply(l3, weight));
                    a7 = TL.Add(a7, TL.Multiply(h3, weight));
                    if (TMeasure.On)
                    {
                        Stripes<TF, TD, TL>.AddSquaresOfFloats(ref p0, ref p1, ref p2, ref p3, l0, h0, l1, h1);
                        Stripes<TF, TD, TL>.AddSquaresOfFloats(ref p0, ref p1, ref p2, ref p3, l2, h2, l3, h3);
                    }

                    var (m0, k0) = Widened<TUnscaled>(ref x, 4, scale);
                    var (m1, k1) = Widened<TUnscaled>(ref x, 5, scale);
                    var (m2, k2) = Widened<TUnscaled>(ref x, 6, scale);
                    var (m3, k3) = Widened<TUnscaled>(ref x, 7, scale);
                    b0 = TL.Add(b0, TL.Multiply(m0, weight));
                    b1 = TL.Add(b1, TL.Multiply(k0, weight));
                    b2 = TL.Add(b2, TL.Multiply(m1, weight));
                    b3 = TL.Add(b3, TL.Multiply(k1, weight));
                    b4 = TL.Add(b4, TL.Multiply(m2, weight));
                    b5 = TL.Add(b5, TL.Multiply(k2, weight));
                    b6 = TL.Add(b6, TL.Multiply(m3, weight));
                    b7 = TL.Add(b7, TL.Multiply(k3, weight));
                    if (TMeasure.On)
                    {
                        Stripes<TF, TD, TL>.AddSquaresOfFloats(ref p0, ref p1, ref p2, ref p3, m0, k0, m1, k1);
                        Stripes<TF, TD, TL>.AddSquaresOfFloats(ref p0, ref p1, ref p2, ref p3, m2, k2, m3, k3);
                        Stripes<TF, TD, TL>.Store(ref p, p0, p1, p2, p3);
                    }
                }

                ref var o = ref Unsafe.Add(ref output, start + j);
                TL.Store(TL.Narrow(a0, a1), ref o, 0);
                TL.Store(TL.Narrow(a2, a3), ref o, TL.Count);
                TL.Store(TL.Narrow(a4, a5), ref o, 2 * TL.Count);
                TL.Store(TL.Narrow(a6, a7), ref o, 3 * TL.Count);
                TL.Store(TL.Narrow(b0, b1), ref o, 4 * TL.Count);
                TL.Store(TL.Narrow(b2, b3), ref o, 5 * TL.Count);
                TL.Store(TL.Narrow(b4, b5), ref o, 6 * TL.Count);
                TL.Store(TL.Narrow(b6, b7), ref o, 7 * TL.Count);
            }
            return end;
        }
    }

    // Vector v of the chunk at x, widened: (double)x converted straight from memory when the scale is 1, else (double)(x · s).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TD Lower, TD Upper) Widened<TUnscaled>(ref float x, int v, TF scale)
        where TUnscaled : struct, IFlag => TUnscaled.On
        ? TL.LoadWidened(ref x, unchecked(v * TL.Count))
        : TL.Widen(TL.Scale(TL.Load(ref x, unchecked(v * TL.Count)), scale));
}
