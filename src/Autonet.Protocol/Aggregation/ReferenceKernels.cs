namespace Autonet.Protocol.Aggregation;

/// <summary>
/// The oracle: each rule as the plain loops a reader checks against the papers, one coordinate at a time, on one thread.
/// It fixes the arithmetic (double accumulators, summation order) that <see cref="FastKernels"/> must reproduce
/// bit for bit. Not fast and not meant to be: O(n log n) sorting per coordinate, no SIMD.
/// </summary>
internal sealed class ReferenceKernels : IAggregationKernels
{
    public static readonly ReferenceKernels Instance = new();

    public void SumsOfSquares(ReadOnlyMemory<float>[] rows, double[] sums)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            sums[i] = SumOfSquares(rows[i].Span);
        }
    }

    public void WeightedMean(ReadOnlyMemory<float>[] rows, float[] scales, double[] weights, float[] destination, double[]? sumsOfSquares)
    {
        MeasureRows(rows, sumsOfSquares);
        for (var j = 0; j < destination.Length; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < rows.Length; i++)
            {
                sum += (double)(rows[i].Span[j] * scales[i]) * weights[i];
            }

            destination[j] = (float)sum;
        }
    }

    public void TrimmedMean(ReadOnlyMemory<float>[] rows, float[] scales, int trim, float[] destination, double[]? sumsOfSquares)
    {
        MeasureRows(rows, sumsOfSquares);
        var column = new float[rows.Length];
        var kept = rows.Length - (2 * trim);
        for (var j = 0; j < destination.Length; j++)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                column[i] = rows[i].Span[j] * scales[i];
            }

            Array.Sort(column);
            var sum = 0.0;
            for (var r = trim; r < rows.Length - trim; r++)
            {
                sum += column[r];
            }

            destination[j] = (float)(sum / kept);
        }
    }

    public void PairwiseSquaredDistances(ReadOnlyMemory<float>[] rows, float[] scales, double[] distances, double[]? sumsOfSquares)
    {
        MeasureRows(rows, sumsOfSquares);
        var n = rows.Length;
        Span<double> partials = stackalloc double[StripedSum.Stripes];
        for (var a = 0; a < n; a++)
        {
            distances[(a * n) + a] = 0;
            for (var b = a + 1; b < n; b++)
            {
                var x = rows[a].Span;
                var y = rows[b].Span;
                var total = 0.0;
                for (var segment = 0; segment < Segments.Count(x.Length); segment++)
                {
                    var start = segment * Segments.Length;
                    partials.Clear();
                    for (var j = start; j < start + Math.Min(Segments.Length, x.Length - start); j++)
                    {
                        var d = (double)(x[j] * scales[a]) - (double)(y[j] * scales[b]);
                        partials[j % StripedSum.Stripes] += d * d;
                    }

                    total += StripedSum.Combine(partials);
                }

                distances[(a * n) + b] = distances[(b * n) + a] = total;
            }
        }
    }

    // Σ x² per segment (16 stripes, combined 0..15), the segment sums added in order from +0.0.
    private static double SumOfSquares(ReadOnlySpan<float> values)
    {
        var total = 0.0;
        Span<double> partials = stackalloc double[StripedSum.Stripes];
        for (var segment = 0; segment < Segments.Count(values.Length); segment++)
        {
            var start = segment * Segments.Length;
            partials.Clear();
            for (var j = start; j < start + Math.Min(Segments.Length, values.Length - start); j++)
            {
                double x = values[j];
                partials[j % StripedSum.Stripes] += x * x;
            }

            total += StripedSum.Combine(partials);
        }

        return total;
    }

    private static void MeasureRows(ReadOnlyMemory<float>[] rows, double[]? sumsOfSquares)
    {
        for (var i = 0; sumsOfSquares is not null && i < rows.Length; i++)
        {
            sumsOfSquares[i] = SumOfSquares(rows[i].Span);
        }
    }
}
