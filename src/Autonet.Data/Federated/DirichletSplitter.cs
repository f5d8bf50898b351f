// Non-IID partition of a labelled data set across N clients, the usual federated-learning benchmark
// (Hsu et al. 2019, "Measuring the effects of non-identical data distribution"): for each class, draw
// client shares p ~ Dirichlet(alpha, ..., alpha) and cut that class's shuffled indices by p. Small alpha
// gives clients few classes each; large alpha approaches an IID split. Seeded and deterministic.
using Autonet.Core.Randomness;

namespace Autonet.Data.Federated;

/// <summary>Splits sample indices across clients with per-class Dirichlet(alpha) proportions.</summary>
public static class DirichletSplitter
{
    /// <summary>Attempts before giving up on minPerClient (each attempt redraws every proportion).</summary>
    public const int MaxAttempts = 1000;

    /// <summary>
    /// Returns one sorted index array per client; every index 0..labels.Length-1 appears exactly once.
    /// Redraws the whole split until each client holds at least minPerClient samples.
    /// </summary>
    /// <exception cref="ArgumentException">alpha not positive and finite, clients &lt; 1, or minPerClient unreachable</exception>
    public static int[][] Split(ReadOnlySpan<byte> labels, int clients, double alpha, ulong seed, int minPerClient = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clients);
        ArgumentOutOfRangeException.ThrowIfNegative(minPerClient);
        if (!(alpha > 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be positive and finite (0.1: very skewed, 100: near IID)");
        }
        if ((long)minPerClient * clients > labels.Length)
        {
            throw new ArgumentException($"minPerClient {minPerClient} x {clients} clients = {(long)minPerClient * clients} > {labels.Length} samples", nameof(minPerClient));
        }

        // Indices grouped by class, in ascending order (the shuffle below is the only randomness).
        var byClass = new List<int>[256];
        for (var i = 0; i < labels.Length; i++)
        {
            (byClass[labels[i]] ??= []).Add(i);
        }

        var random = new SeededRandom(seed);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var parts = new List<int>[clients];
            for (var c = 0; c < clients; c++)
            {
                parts[c] = [];
            }
            foreach (var members in byClass)
            {
                if (members is null)
                {
                    continue;
                }
                var shuffled = members.ToArray();
                random.Shuffle(shuffled.AsSpan());
                var shares = Dirichlet(random, clients, alpha);
                // Cut points from the cumulative shares; the last client takes the rounding remainder.
                var start = 0;
                double cumulative = 0;
                for (var c = 0; c < clients; c++)
                {
                    cumulative += shares[c];
                    var end = c == clients - 1 ? shuffled.Length : Math.Min(shuffled.Length, (int)Math.Round(cumulative * shuffled.Length));
                    for (var k = start; k < end; k++)
                    {
                        parts[c].Add(shuffled[k]);
                    }
                    start = Math.Max(start, end);
                }
            }
            if (parts.All(p => p.Count >= minPerClient))
            {
                return [.. parts.Select(p => p.Order().ToArray())];
            }
        }
        throw new ArgumentException($"no split with >= {minPerClient} samples per client in {MaxAttempts} draws at alpha {alpha}; lower minPerClient or raise alpha", nameof(minPerClient));
    }

    /// <summary>One draw from a symmetric Dirichlet: normalized Gamma(alpha, 1) samples.</summary>
    internal static double[] Dirichlet(SeededRandom random, int count, double alpha)
    {
        var shares = new double[count];
        double sum = 0;
        for (var i = 0; i < count; i++)
        {
            shares[i] = Gamma(random, alpha);
            sum += shares[i];
        }
        if (sum == 0)
        {
            // With alpha around 1e-3 every Gamma sample can underflow to 0; the limit of Dirichlet(alpha -> 0) is one-hot.
            shares[random.NextInt(count)] = 1;
            return shares;
        }
        for (var i = 0; i < count; i++)
        {
            shares[i] /= sum;
        }
        return shares;
    }

    /// <summary>Gamma(shape, 1) by Marsaglia and Tsang (2000); shape &lt; 1 via Gamma(shape + 1) * U^(1/shape).</summary>
    internal static double Gamma(SeededRandom random, double shape)
    {
        if (shape < 1)
        {
            var u = 1.0 - random.NextDouble(); // (0, 1]
            return Gamma(random, shape + 1) * Math.Pow(u, 1.0 / shape);
        }
        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = random.NextGaussian();
                v = 1.0 + (c * x);
            }
            while (v <= 0);
            v = v * v * v;
            var u = 1.0 - random.NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v;
            }
        }
    }
}
