
namespace Autonet.Protocol.Aggregation;

/// <summary>One row's striped Σ x² over one segment (the norm pass when clipping, or for updates the rule does not read).</summary>
internal static class SquaresKernel<TF, TD, TL>
    where TF : struct
    where TD : struct
    where TL : struct, ILanes<TF, TD>
{
    public static double Segment(RowView row, int start, int length)
    {
        // Unchecked: every index is below start + length <= the row length, which is < 2^31.
        unchecked
        {
            Span<double> partials = stackalloc double[StripedSum.Stripes];
            TD p0 = default, p1 = default, p2 = default, p3 = default;
            var step = 2 * TL.Count;
            var end = length - (length % step);
            ref var x = ref row.At(start);
            for (var j = 0; j < end; j += step)
            {
                var (l0, h0) = TL.LoadWidened(ref x, j);
                var (l1, h1) = TL.LoadWidened(ref x, j + TL.Count);
                Stripes<TF, TD, TL>.AddSquaresOfFloats(ref p0, ref p1, ref p2, ref p3, l0, h0, l1, h1);
            }

            Stripes<TF, TD, TL>.Store(ref partials[0], p0, p1, p2, p3);
            for (var j = end; j < length; j++)
            {
                double value = row.At(start + j);
                partials[j % StripedSum.Stripes] += value * value;
            }

            return StripedSum.Combine(partials);
        }
    }
}
