namespace Autonet.Protocol.Aggregation;

/// <summary>
/// The numeric heart of each rule, once as plain loops (<see cref="ReferenceKernels"/>) and once vectorized and
/// multithreaded (<see cref="FastKernels"/>). Both follow the same arithmetic and summation order (<see cref="StripedSum"/>),
/// so they agree to the last bit; lengths are already checked. Row i is read as rows[i][j] * scales[i]. When
/// <c>sumsOfSquares</c> is given, the same pass also returns each unscaled row's sum of squares (read while the data is in
/// cache), so one read of the data both validates (non-finite input shows as a non-finite sum) and aggregates; the output
/// is discarded if a sum is not finite.
/// </summary>
internal interface IAggregationKernels
{
    /// <summary>sums[i] = Σ_j rows[i]_j² in double, in the striped, segmented order of <see cref="StripedSum"/>; non-finite iff some value is.</summary>
    void SumsOfSquares(ReadOnlyMemory<float>[] rows, double[] sums);

    /// <summary>dest_j = (float) Σ_i (double)(rows[i]_j · scales[i]) · weights[i], summed over i in row order.</summary>
    void WeightedMean(ReadOnlyMemory<float>[] rows, float[] scales, double[] weights, float[] destination, double[]? sumsOfSquares);

    /// <summary>
    /// dest_j = mean of the sorted column values at ranks trim..n-1-trim, summed in double in ascending order
    /// from +0.0 (so a zero result is always +0). The median is trim = (n-1)/2.
    /// </summary>
    void TrimmedMean(ReadOnlyMemory<float>[] rows, float[] scales, int trim, float[] destination, double[]? sumsOfSquares);

    /// <summary>distances[a*n+b] = Σ_j ((double)(x_a,j·s_a) − (double)(x_b,j·s_b))², striped and segmented; symmetric, zero diagonal.</summary>
    void PairwiseSquaredDistances(ReadOnlyMemory<float>[] rows, float[] scales, double[] distances, double[]? sumsOfSquares);
}
