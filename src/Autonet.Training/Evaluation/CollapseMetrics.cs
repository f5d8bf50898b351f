namespace Autonet.Training.Evaluation;

/// <summary>
/// Signs of representation collapse in a batch of embeddings (N, D): the mean over dimensions of each dimension's
/// standard deviation (falls toward 0 when embeddings become constant), and the effective rank
/// (Roy &amp; Vetterli 2007: exp of the entropy of the normalized singular values; D for isotropic data, 1 for a line),
/// as RankMe (Garrido et al. 2023) uses it for JEPA-style models.
/// </summary>
public sealed record CollapseMetrics(double MeanStd, double EffectiveRank, int Dim)
{
    /// <summary>Effective rank as a fraction of the width.</summary>
    public double RankFraction => EffectiveRank / Dim;

    /// <summary>Measures <paramref name="embeddings"/>, <paramref name="count"/> rows of <paramref name="dim"/> values.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 rows, a length that is not count x dim, or a non-finite value.</exception>
    public static CollapseMetrics Measure(ReadOnlySpan<float> embeddings, int count, int dim)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        if (embeddings.Length != count * dim)
        {
            throw new ArgumentException($"embeddings has {embeddings.Length} values, expected count {count} x dim {dim}", nameof(embeddings));
        }

        var mean = new double[dim];
        for (var i = 0; i < count; i++)
        {
            for (var d = 0; d < dim; d++)
            {
                var value = embeddings[(i * dim) + d];
                if (!float.IsFinite(value))
                {
                    throw new ArgumentException($"embedding row {i}, dim {d} is {value}", nameof(embeddings));
                }

                mean[d] += value;
            }
        }

        for (var d = 0; d < dim; d++)
        {
            mean[d] /= count;
        }

        // Covariance (D, D) of the centered rows; its eigenvalues are the squared singular values / (N - 1).
        var covariance = new double[dim, dim];
        var centered = new double[dim];
        for (var i = 0; i < count; i++)
        {
            for (var d = 0; d < dim; d++)
            {
                centered[d] = embeddings[(i * dim) + d] - mean[d];
            }

            for (var a = 0; a < dim; a++)
            {
                var ca = centered[a];
                for (var b = a; b < dim; b++)
                {
                    covariance[a, b] += ca * centered[b];
                }
            }
        }

        double stdSum = 0;
        for (var a = 0; a < dim; a++)
        {
            for (var b = a; b < dim; b++)
            {
                covariance[a, b] /= count - 1;
                covariance[b, a] = covariance[a, b];
            }

            stdSum += Math.Sqrt(covariance[a, a]);
        }

        var eigenvalues = SymmetricEigenvalues.Compute(covariance);
        return new CollapseMetrics(stdSum / dim, EffectiveRankOf(eigenvalues), dim);
    }

    private static double EffectiveRankOf(double[] eigenvalues)
    {
        var singular = eigenvalues.Select(l => Math.Sqrt(Math.Max(0, l))).ToArray();
        var total = singular.Sum();
        if (total <= 0)
        {
            return 0; // every embedding identical: total collapse
        }

        double entropy = 0;
        foreach (var s in singular)
        {
            var p = s / total;
            if (p > 0)
            {
                entropy -= p * Math.Log(p);
            }
        }

        return Math.Exp(entropy);
    }
}
