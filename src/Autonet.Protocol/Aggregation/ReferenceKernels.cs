namespace Autonet.Protocol.Aggregation;

/// <summary>
/// The oracle: each rule as the plain loops a reader checks against the papers, one coordinate at a time.
/// It fixes the arithmetic (double accumulators, summation order) that <see cref="FastKernels"/> must reproduce
/// bit for bit. Not fast and not meant to be: O(n log n) allocations-free sorting per coordinate, no SIMD.
/// </summary>
internal sealed class ReferenceKernels : IAggregationKernels
{
    public static readonly ReferenceKernels Instance = new();

    public double SumOfSquares(ReadOnlySpan<float> values)
    {
        Span<double> partials = stackalloc double[StripedSum.Stripes];
        partials.Clear();
        for (var j = 0; j < values.Length; j++)
        {
            double x = values[j];
            partials[j % StripedSum.Stripes] += x * x;
        }

        return StripedSum.Combine(partials);
    }

    public void WeightedMean(ReadOnlyMemory<float>[] rows, float[] scales, double[] weights, Span<float> destination, double[]? sumsOfSquares)
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

    public void TrimmedMean(ReadOnlyMemory<float>[] rows, float[] scales, int trim, Span<float> destination, double[]? sumsOfSquares)
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
                partials.Clear();
                for (var j = 0; j < x.Length; j++)
                {
                    var d = (double)(x[j] * scales[a]) - (double)(y[j] * scales[b]);
                    partials[j % StripedSum.Stripes] += d * d;
                }

                distances[(a * n) + b] = distances[(b * n) + a] = StripedSum.Combine(partials);
            }
        }
    }

    private void MeasureRows(ReadOnlyMemory<float>[] rows, double[]? sumsOfSquares)
    {
        if (sumsOfSquares is not null)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                sumsOfSquares[i] = SumOfSquares(rows[i].Span);
            }
        }
    }
}
