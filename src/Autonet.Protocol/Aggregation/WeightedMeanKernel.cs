using System.Buffers;
using System.Runtime.InteropServices;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// FedAvg's pass over one segment: dest_j = (float) Σ_i (double)(x_ij · s_i) · w_i, rows in order, and optionally each
/// row's striped Σ x² (then every s_i is 1, so the widened x · s is x). Column order: 4 vectors of coordinates at a time,
/// their 8 double accumulators in registers across all rows, so each row is streamed once and nothing is stored but
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
            var partials = ArrayPool<double>.Shared.Rent(n * StripedSum.Stripes);
            try
            {
                Array.Clear(partials, 0, n * StripedSum.Stripes);
                ref var output = ref MemoryMarshal.GetArrayDataReference(destination);
                var chunk = 4 * TL.Count;
                var end = length - (length % chunk);
                for (var j = 0; j < end; j += chunk)
                {
                    TD a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                    for (var i = 0; i < n; i++)
                    {
                        ref var x = ref rows[i].At(start + j);
                        var weight = TL.Broadcast(weights[i]);
                        TD l0, h0, l1, h1, l2, h2, l3, h3;
                        if (scales[i] == 1f)
                        {
                            // x · 1 = x exactly: convert straight from memory (the unclipped case, and the only one measured).
                            (l0, h0) = TL.LoadWidened(ref x, 0);
                            (l1, h1) = TL.LoadWidened(ref x, TL.Count);
                            (l2, h2) = TL.LoadWidened(ref x, 2 * TL.Count);
                            (l3, h3) = TL.LoadWidened(ref x, 3 * TL.Count);
                        }
                        else
                        {
                            var scale = TL.Broadcast(scales[i]);
                            (l0, h0) = TL.Widen(TL.Scale(TL.Load(ref x, 0), scale));
                            (l1, h1) = TL.Widen(TL.Scale(TL.Load(ref x, TL.Count), scale));
                            (l2, h2) = TL.Widen(TL.Scale(TL.Load(ref x, 2 * TL.Count), scale));
                            (l3, h3) = TL.Widen(TL.Scale(TL.Load(ref x, 3 * TL.Count), scale));
                        }

                        a0 = TL.Add(a0, TL.Multiply(l0, weight));
                        a1 = TL.Add(a1, TL.Multiply(h0, weight));
                        a2 = TL.Add(a2, TL.Multiply(l1, weight));
                        a3 = TL.Add(a3, TL.Multiply(h1, weight));
                        a4 = TL.Add(a4, TL.Multiply(l2, weight));
                        a5 = TL.Add(a5, TL.Multiply(h2, weight));
                        a6 = TL.Add(a6, TL.Multiply(l3, weight));
                        a7 = TL.Add(a7, TL.Multiply(h3, weight));
                        if (measure)
                        {
                            ref var p = ref partials[i * StripedSum.Stripes];
                            Stripes<TF, TD, TL>.Load(ref p, out var p0, out var p1, out var p2, out var p3);
                            Stripes<TF, TD, TL>.AddSquares(ref p0, ref p1, ref p2, ref p3, l0, h0, l1, h1);
                            Stripes<TF, TD, TL>.AddSquares(ref p0, ref p1, ref p2, ref p3, l2, h2, l3, h3);
                            Stripes<TF, TD, TL>.Store(ref p, p0, p1, p2, p3);
                        }
                    }

                    TL.Store(TL.Narrow(a0, a1), ref output, start + j);
                    TL.Store(TL.Narrow(a2, a3), ref output, start + j + TL.Count);
                    TL.Store(TL.Narrow(a4, a5), ref output, start + j + (2 * TL.Count));
                    TL.Store(TL.Narrow(a6, a7), ref output, start + j + (3 * TL.Count));
                }

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
                    squares[i] = StripedSum.Combine(partials.AsSpan(i * StripedSum.Stripes, StripedSum.Stripes));
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(partials);
            }
        }
    }
}
