using System.Globalization;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// Combines a round's accepted deltas with the project's rule: validates them (equal lengths, finite values,
/// one per solver, scores ≥ 0), orders them by solver, clips each to the norm bound, checks the rule's
/// precondition, runs the rule, and reports per update whether it was included, clipped or excluded and why.
/// Deterministic: the same updates in any order give the same bytes, with either backend.
/// </summary>
public static class RobustAggregator
{
    /// <summary>Aggregates <paramref name="updates"/> under <paramref name="options"/> into a new array.</summary>
    /// <param name="updates">The accepted updates, in any order.</param>
    /// <param name="options">The project's rule and its parameters.</param>
    /// <param name="backend">Fast kernels (default) or the reference loops; the same bytes.</param>
    /// <param name="threads">Most threads to use; 0 = every core. The bytes do not depend on it.</param>
    /// <exception cref="ProtocolException">
    /// Bad options; no updates; an update that is empty, non-finite, of another length, a duplicate solver or
    /// with a bad score; or the rule's precondition fails (trimmed mean n ≥ 2t + 1, Krum n ≥ 2f + 3 and m ≤ n − f).
    /// </exception>
    public static AggregationResult Aggregate(
        IReadOnlyCollection<Update> updates, AggregationOptions options, AggregationBackend backend = AggregationBackend.Fast, int threads = 0) =>
        Aggregate(updates, options, null, backend, threads);

    /// <summary>Aggregates into <paramref name="destination"/> (as long as every delta), which the result then holds.</summary>
    /// <param name="updates">The accepted updates, in any order.</param>
    /// <param name="options">The project's rule and its parameters.</param>
    /// <param name="destination">Receives the aggregate (null: a new array); reused across rounds it saves allocating and page-faulting a model-sized array per call.</param>
    /// <param name="backend">Fast kernels (default) or the reference loops; the same bytes.</param>
    /// <param name="threads">Most threads to use; 0 = every core. The bytes do not depend on it.</param>
    /// <exception cref="ProtocolException">As the allocating overload.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not exactly as long as the deltas.</exception>
    public static AggregationResult Aggregate(
        IReadOnlyCollection<Update> updates, AggregationOptions options, float[]? destination, AggregationBackend backend = AggregationBackend.Fast, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        options.Validate();
        IAggregationKernels kernels = backend == AggregationBackend.Reference
            ? ReferenceKernels.Instance
            : threads == 0 ? FastKernels.Instance : new FastKernels(threads, FastKernels.Instance.Wide);
        var rule = options.Rule;
        if (updates.Count == 0)
        {
            Errors.NoUpdates(rule);
        }

        var ordered = updates.Select(u => u ?? throw new ArgumentException("an update is null", nameof(updates)))
            .OrderBy(u => u.Solver, SolverOrder.Instance).ToArray();
        // Without clipping, the rule's own pass measures the norms (one read of the data instead of two).
        var fused = options.ClipNorm is null;
        var (norms, scales) = Measure(ordered, options.ClipNorm, kernels, fused);
        var included = Enumerable.Range(0, ordered.Length).Where(i => ordered[i].Score > 0).ToArray();
        if (included.Length == 0)
        {
            Errors.NoPositiveScore(rule, ordered.Length);
        }

        var sums = fused ? new double[included.Length] : null;
        void CheckFused()
        {
            for (var k = 0; sums is not null && k < included.Length; k++)
            {
                if (!double.IsFinite(sums[k]))
                {
                    ReportNonFinite(ordered[included[k]]);
                }

                norms[included[k]] = Math.Sqrt(sums[k]);
            }
        }

        var rows = included.Select(i => ordered[i].Delta).ToArray();
        var rowScales = included.Select(i => scales[i]).ToArray();
        var length = ordered[0].Delta.Length;
        if (destination is not null && destination.Length != length)
        {
            throw new ArgumentException($"destination has {destination.Length} floats, the deltas {length}: it must be exactly as long", nameof(destination));
        }

        var aggregate = destination ?? new float[length];
        var reasons = new string?[ordered.Length];
        var n = included.Length;
        switch (rule)
        {
            case AggregationRule.FedAvg:
                kernels.WeightedMean(rows, rowScales, Weights(ordered, included), aggregate, sums);
                CheckFused();
                break;
            case AggregationRule.Median:
                kernels.TrimmedMean(rows, rowScales, (n - 1) / 2, aggregate, sums);
                CheckFused();
                break;
            case AggregationRule.TrimmedMean:
                var trim = options.TrimFor(n);
                if (n < (2 * trim) + 1)
                {
                    Errors.Precondition(rule, n, $"n >= 2t+1 with t = {trim} trimmed per side (needs n >= {(2 * trim) + 1})");
                }

                kernels.TrimmedMean(rows, rowScales, trim, aggregate, sums);
                CheckFused();
                break;
            case AggregationRule.Krum:
                Krum(ordered, included, rows, rowScales, options, kernels, aggregate, reasons, sums, CheckFused);
                break;
            default:
                Errors.Option("Rule", rule.ToString(), $"must be one of {AggregationRuleNames.Expected}");
                break;
        }

        return new AggregationResult(rule, aggregate, Describe(ordered, norms, scales, reasons, options.ClipNorm));
    }

    // Validates every update in solver order, then measures norms: the double sum of squares is finite iff every
    // value is (a float square is at most 1.2e77, far below double's 1.8e308 even summed 2^31 times). When fused,
    // only updates the rule will not read (score 0) are measured here; the rule's kernel measures the rest.
    private static (double[] Norms, float[] Scales) Measure(Update[] ordered, double? clipNorm, IAggregationKernels kernels, bool fused)
    {
        var length = ordered[0].Delta.Length;
        var norms = new double[ordered.Length];
        var scales = new float[ordered.Length];
        var measured = new List<int>();
        for (var i = 0; i < ordered.Length; i++)
        {
            var update = ordered[i];
            if (i > 0 && update.Solver == ordered[i - 1].Solver)
            {
                Errors.DuplicateSolver(update.Solver);
            }

            if (update.Delta.Length == 0)
            {
                Errors.EmptyDelta(update.Solver);
            }

            if (update.Delta.Length != length)
            {
                Errors.LengthMismatch(update.Solver, update.Delta.Length, ordered[0].Solver, length);
            }

            if (!(double.IsFinite(update.Score) && update.Score >= 0))
            {
                Errors.BadScore(update.Solver, update.Score);
            }

            scales[i] = 1f;
            if (!(fused && update.Score > 0))
            {
                measured.Add(i);
            }
        }

        var sums = new double[measured.Count];
        kernels.SumsOfSquares([.. measured.Select(i => ordered[i].Delta)], sums);
        for (var k = 0; k < measured.Count; k++)
        {
            var i = measured[k];
            if (!double.IsFinite(sums[k]))
            {
                ReportNonFinite(ordered[i]);
            }

            norms[i] = Math.Sqrt(sums[k]);
            scales[i] = clipNorm is { } bound && norms[i] > bound ? (float)(bound / norms[i]) : 1f;
        }

        return (norms, scales);
    }

    private static void Krum(
        Update[] ordered, int[] included, ReadOnlyMemory<float>[] rows, float[] rowScales, AggregationOptions options,
        IAggregationKernels kernels, float[] aggregate, string?[] reasons, double[]? sums, Action checkFused)
    {
        var n = included.Length;
        var f = options.ByzantineCount;
        var m = options.KrumSelect;
        if (n < (2 * f) + 3)
        {
            Errors.Precondition(AggregationRule.Krum, n, $"n >= 2f+3 with f = {f} Byzantine (needs n >= {(2 * f) + 3})");
        }

        if (m > n - f)
        {
            Errors.Precondition(AggregationRule.Krum, n, $"m <= n-f with m = {m} selected and f = {f} Byzantine (needs n >= {m + f})");
        }

        var distances = new double[n * n];
        kernels.PairwiseSquaredDistances(rows, rowScales, distances, sums);
        checkFused();
        var (scores, ranking) = KrumSelection.Rank(distances, n, f);
        var chosen = ranking[..m].Order().ToArray(); // back to solver order, so the mean sums in the fixed order
        kernels.WeightedMean(
            [.. chosen.Select(c => rows[c])], [.. chosen.Select(c => rowScales[c])], Weights(ordered, [.. chosen.Select(c => included[c])]), aggregate, null);
        for (var rank = m; rank < n; rank++)
        {
            var c = ranking[rank];
            reasons[included[c]] = Invariant($"excluded by krum: score {scores[c]:G6} ranks {rank + 1} of {n}, only the {m} lowest are kept (f = {f})");
        }
    }

    private static UpdateOutcome[] Describe(Update[] ordered, double[] norms, float[] scales, string?[] reasons, double? clipNorm)
    {
        var outcomes = new UpdateOutcome[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            var reason = ordered[i].Score == 0 ? "excluded: consensus score 0" : reasons[i];
            var clipped = scales[i] != 1f ? Invariant($"clipped: norm {norms[i]:G6} > bound {clipNorm:G6}, scaled by {scales[i]:G6}") : null;
            var text = (reason, clipped) switch
            {
                (null, null) => "included",
                (null, { } c) => "included, " + c,
                ({ } r, null) => r,
                ({ } r, { } c) => r + "; " + c,
            };
            outcomes[i] = new UpdateOutcome(ordered[i].Solver, norms[i], reason is null, scales[i], text);
        }

        return outcomes;
    }

    // Score weights normalised over the given updates, summed in solver order.
    private static double[] Weights(Update[] ordered, int[] indices)
    {
        var total = 0.0;
        foreach (var i in indices)
        {
            total += ordered[i].Score;
        }

        return [.. indices.Select(i => ordered[i].Score / total)];
    }

    private static void ReportNonFinite(Update update)
    {
        var span = update.Delta.Span;
        for (var j = 0; j < span.Length; j++)
        {
            if (!float.IsFinite(span[j]))
            {
                Errors.NonFinite(update.Solver, j, span[j]);
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
