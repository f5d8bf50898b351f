namespace Autonet.Protocol.Aggregation;

/// <summary>
/// The numeric heart of each rule, once as plain loops (<see cref="ReferenceKernels"/>) and once vectorized
/// (<see cref="FastKernels"/>). Both follow the same summation order, so they agree to the last bit;
/// inputs are already validated (equal lengths, finite values). Row i is read as rows[i][j] * scales[i].
/// </summary>
internal interface IAggregationKernels
{
    /// <summary>Σ x_j² in double, in the striped order of <see cref="StripedSum"/>; non-finite iff some x_j is.</summary>
    double SumOfSquares(ReadOnlySpan<float> values);

    /// <summary>dest_j = (float) Σ_i (double)(rows[i]_j · scales[i]) · weights[i], summed over i in row order.</summary>
    void WeightedMean(ReadOnlyMemory<float>[] rows, float[] scales, double[] weights, Span<float> destination);

    /// <summary>
    /// dest_j = mean of the sorted column values at ranks trim..n-1-trim, summed in double in ascending order
    /// from +0.0 (so a zero result is always +0). The median is trim = (n-1)/2.
    /// </summary>
    void TrimmedMean(ReadOnlyMemory<float>[] rows, float[] scales, int trim, Span<float> destination);

    /// <summary>distances[a*n+b] = Σ_j ((double)(x_a,j·s_a) − (double)(x_b,j·s_b))², striped; symmetric, zero diagonal.</summary>
    void PairwiseSquaredDistances(ReadOnlyMemory<float>[] rows, float[] scales, double[] distances);
}
