// What retrieval may learn about an embedding space from the training pairs, never from the held-out ones (issue 18):
// the mean of the queries and of the keys over the training pairs, which centred cosine subtracts (as the InfoNCE term
// centres each batch, CrossModalContrast), and a bank of the training queries, centred and unit, for CSLS's hubness
// penalty (Conneau et al. 2018, "Word translation without parallel data", §2.3: r(k) is key k's mean cosine to its K
// nearest queries, and the score 2 cos(q, k) - r(k) lowers keys that are near everything). Drawing r from training
// queries, not from the queries being ranked, is QB-Norm's querybank (Bogolin et al. 2022, §3).
// Legend: N reference pairs, C width, K neighbours of the penalty.
namespace Autonet.Training.Evaluation;

/// <summary>Training-side means and querybank of one retrieval direction.</summary>
public sealed class RetrievalReference
{
    /// <summary>Neighbours in CSLS's penalty by default (the paper's K = 10).</summary>
    public const int Neighbours = 10;

    private readonly double[] _queryMean; // (C)
    private readonly double[] _keyMean; // (C)
    private readonly double[] _bank; // (N, C) centred, unit training queries
    private readonly int _neighbours; // K

    /// <summary>From the training pairs' queries and keys, each (N, C); CSLS's penalty averages <paramref name="neighbours"/> cosines.</summary>
    /// <exception cref="ArgumentException">Fewer pairs than neighbours, neighbours below 1, or lengths that are not count x dim.</exception>
    public RetrievalReference(ReadOnlySpan<float> queries, ReadOnlySpan<float> keys, int count, int dim, int neighbours = Neighbours)
    {
        if (neighbours < 1 || count < neighbours || dim < 1 || queries.Length != count * dim || keys.Length != count * dim)
        {
            throw new ArgumentException($"a retrieval reference needs at least {neighbours} (>= 1) training pairs of queries and keys of count x dim = {count} x {dim} values, got {queries.Length} and {keys.Length}", nameof(queries));
        }
        (Count, Dim, _neighbours) = (count, dim, neighbours);
        _queryMean = Mean(queries, count, dim);
        _keyMean = Mean(keys, count, dim);
        _bank = Unit(queries, count, dim, _queryMean);
    }

    /// <summary>Training pairs it was made from.</summary>
    public int Count { get; }

    public int Dim { get; }

    /// <summary>Queries (n, C) minus the training queries' mean, each row made unit.</summary>
    public double[] Queries(ReadOnlySpan<float> queries, int n) => Unit(queries, n, Dim, _queryMean);

    /// <summary>Keys (n, C) minus the training keys' mean, each row made unit.</summary>
    public double[] Keys(ReadOnlySpan<float> keys, int n) => Unit(keys, n, Dim, _keyMean);

    /// <summary>CSLS's r(k) for unit centred keys (n, C): each key's mean cosine to its K nearest training queries.</summary>
    public double[] Penalty(double[] keys, int n)
    {
        var penalty = new double[n];
        var top = new double[_neighbours]; // the K largest cosines so far, smallest first
        for (var j = 0; j < n; j++)
        {
            Array.Fill(top, double.NegativeInfinity);
            for (var i = 0; i < Count; i++)
            {
                double s = 0;
                for (var d = 0; d < Dim; d++)
                {
                    s += keys[(j * Dim) + d] * _bank[(i * Dim) + d];
                }
                if (s <= top[0])
                {
                    continue;
                }
                var at = 0; // insert s, dropping the smallest
                while (at + 1 < _neighbours && top[at + 1] < s)
                {
                    top[at] = top[at + 1];
                    at++;
                }
                top[at] = s;
            }
            penalty[j] = top.Average();
        }
        return penalty;
    }

    /// <summary>|mean_i (x_i - m)| / mean_i |x_i - m| of x (n, C), m = 0 when null: 0 when centred on m, 1 when every row is the same.</summary>
    public static double OffsetRatio(ReadOnlySpan<float> x, int n, int dim, double[]? mean)
    {
        var sum = new double[dim];
        double norms = 0;
        for (var i = 0; i < n; i++)
        {
            double sq = 0;
            for (var d = 0; d < dim; d++)
            {
                var v = x[(i * dim) + d] - (mean?[d] ?? 0);
                sum[d] += v;
                sq += v * v;
            }
            norms += Math.Sqrt(sq);
        }
        return norms > 0 ? Math.Sqrt(sum.Sum(v => v * v)) / norms : 0;
    }

    /// <summary>Rows of x (n, C) minus mean (none when null), each made unit (a zero row stays zero).</summary>
    public static double[] Unit(ReadOnlySpan<float> x, int n, int dim, double[]? mean)
    {
        var unit = new double[n * dim];
        for (var i = 0; i < n; i++)
        {
            double sq = 0;
            for (var d = 0; d < dim; d++)
            {
                var v = x[(i * dim) + d] - (mean?[d] ?? 0);
                unit[(i * dim) + d] = v;
                sq += v * v;
            }
            var norm = Math.Max(Math.Sqrt(sq), 1e-12);
            for (var d = 0; d < dim; d++)
            {
                unit[(i * dim) + d] /= norm;
            }
        }
        return unit;
    }

    /// <summary>The mean row of x (n, C), in double.</summary>
    public static double[] Mean(ReadOnlySpan<float> x, int n, int dim)
    {
        var mean = new double[dim];
        for (var i = 0; i < n; i++)
        {
            for (var d = 0; d < dim; d++)
            {
                mean[d] += x[(i * dim) + d];
            }
        }
        for (var d = 0; d < dim; d++)
        {
            mean[d] /= n;
        }
        return mean;
    }
}
