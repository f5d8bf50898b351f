using Autonet.Core.Ids;
using Autonet.Protocol.Aggregation;

namespace Autonet.Protocol.Tests.Aggregation;

/// <summary>Known values worked by hand, outcomes, validation errors and preconditions; both backends each time.</summary>
public class RobustAggregatorTests
{
    public static TheoryData<AggregationBackend> Backends => [AggregationBackend.Fast, AggregationBackend.Reference];

    private static readonly Address A = RandomUpdates.Solver(1);
    private static readonly Address B = RandomUpdates.Solver(2);
    private static readonly Address C = RandomUpdates.Solver(3);
    private static readonly Address D = RandomUpdates.Solver(4);
    private static readonly Address E = RandomUpdates.Solver(5);

    private static AggregationResult Run(AggregationOptions options, AggregationBackend backend, params Update[] updates) =>
        RobustAggregator.Aggregate(updates, options, backend);

    private static AggregationOptions Rule(AggregationRule rule) => new() { Rule = rule };

    [Theory]
    [MemberData(nameof(Backends))]
    public void Aggregate_FedAvg_WeightsByScore(AggregationBackend backend)
    {
        var result = Run(Rule(AggregationRule.FedAvg), backend, new Update(A, new[] { 1f, 2f }, 1), new Update(B, new[] { 3f, 6f }, 3));
        Assert.Equal([2.5f, 5f], result.Aggregate);
        Assert.All(result.Outcomes, o => Assert.Equal("included", o.Reason));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Aggregate_MedianOddAndEven_PicksMiddleOrAveragesTwo(AggregationBackend backend)
    {
        var odd = Run(Rule(AggregationRule.Median), backend, new Update(A, new[] { 1f }, 1), new Update(B, new[] { 5f }, 1), new Update(C, new[] { 2f }, 9));
        Assert.Equal([2f], odd.Aggregate);
        var even = Run(Rule(AggregationRule.Median), backend, new Update(A, new[] { 1f }, 1), new Update(B, new[] { 2f }, 1), new Update(C, new[] { 10f }, 1), new Update(D, new[] { 4f }, 1));
        Assert.Equal([3f], even.Aggregate);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Aggregate_TrimmedMeanT1_DropsExtremesPerCoordinate(AggregationBackend backend)
    {
        var options = new AggregationOptions { Rule = AggregationRule.TrimmedMean, TrimPerSide = 1 };
        var result = Run(
            options,
            backend,
            new Update(A, new[] { 1f, 100f }, 1),
            new Update(B, new[] { 2f, 1f }, 1),
            new Update(C, new[] { 3f, 2f }, 1),
            new Update(D, new[] { 100f, 3f }, 1),
            new Update(E, new[] { -50f, -9f }, 1));
        Assert.Equal([2f, 2f], result.Aggregate);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Aggregate_KrumWithOutlier_SelectsHonestAndReportsExclusions(AggregationBackend backend)
    {
        Update[] updates =
        [
            new(A, new[] { 0.1f, 0f }, 1), new(B, new[] { 0f, 0.1f }, 1), new(C, new[] { 0f, 0f }, 1),
            new(D, new[] { -0.1f, 0f }, 1), new(E, new[] { 100f, -100f }, 1),
        ];
        var krum = RobustAggregator.Aggregate(updates, new AggregationOptions { Rule = AggregationRule.Krum, ByzantineCount = 1 }, backend);
        Assert.Equal([0f, 0f], krum.Aggregate); // C is closest to all other honest updates.
        Assert.Equal(4, krum.Excluded.Count());
        var multi = RobustAggregator.Aggregate(updates, new AggregationOptions { Rule = AggregationRule.Krum, ByzantineCount = 1, KrumSelect = 4 }, backend);
        var excluded = Assert.Single(multi.Excluded);
        Assert.Equal(E, excluded.Solver);
        Assert.Contains("excluded by krum", excluded.Reason, StringComparison.Ordinal);
        Assert.Contains("ranks 5 of 5", excluded.Reason, StringComparison.Ordinal);
        Assert.Equal([0f, 0.025f], multi.Aggregate);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Aggregate_ClipNorm_ScalesLargeUpdateAndRecordsIt(AggregationBackend backend)
    {
        var options = new AggregationOptions { Rule = AggregationRule.FedAvg, ClipNorm = 1 };
        var result = Run(options, backend, new Update(A, new[] { 3f, 4f }, 1), new Update(B, new[] { 0.6f, 0f }, 1));
        var clipped = Assert.Single(result.Clipped);
        Assert.Equal(A, clipped.Solver);
        Assert.Equal(5.0, clipped.Norm, 12);
        Assert.Equal(0.2f, clipped.ClipScale);
        Assert.Contains("clipped: norm 5 > bound 1", clipped.Reason, StringComparison.Ordinal);
        Assert.Equal(0.6f, result.Aggregate[0], 6);
        Assert.Equal(0.4f, result.Aggregate[1], 6);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Aggregate_ZeroScore_ExcludedFromEveryRule(AggregationBackend backend)
    {
        foreach (var rule in Enum.GetValues<AggregationRule>().Where(r => r != AggregationRule.Krum))
        {
            var result = Run(Rule(rule), backend, new Update(A, new[] { 1f }, 1), new Update(B, new[] { 1000f }, 0));
            Assert.Equal([1f], result.Aggregate);
            Assert.Equal("excluded: consensus score 0", Assert.Single(result.Excluded).Reason);
        }
    }

    [Theory]
    [InlineData(AggregationRule.TrimmedMean, 4, "trimmed-mean: precondition n >= 2t+1 with t = 2", "n = 4")]
    [InlineData(AggregationRule.Krum, 4, "krum: precondition n >= 2f+3 with f = 1", "n = 4")]
    public void Aggregate_PreconditionFails_ThrowsNamingRuleAndBound(AggregationRule rule, int count, string bound, string n)
    {
        var options = new AggregationOptions { Rule = rule, TrimPerSide = rule == AggregationRule.TrimmedMean ? 2 : null, ByzantineCount = 1 };
        var updates = Enumerable.Range(0, count).Select(i => new Update(RandomUpdates.Solver(i), new[] { (float)i }, 1)).ToArray();
        var error = Assert.Throws<ProtocolException>(() => RobustAggregator.Aggregate(updates, options));
        Assert.Contains(bound, error.Message, StringComparison.Ordinal);
        Assert.Contains(n, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_MultiKrumSelectsMoreThanNMinusF_Throws()
    {
        var options = new AggregationOptions { Rule = AggregationRule.Krum, ByzantineCount = 1, KrumSelect = 5 };
        var updates = Enumerable.Range(0, 5).Select(i => new Update(RandomUpdates.Solver(i), new[] { (float)i }, 1)).ToArray();
        var error = Assert.Throws<ProtocolException>(() => RobustAggregator.Aggregate(updates, options));
        Assert.Contains("m <= n-f with m = 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_TrimFractionOnFewUpdates_ComputesTFromN()
    {
        var options = new AggregationOptions { Rule = AggregationRule.TrimmedMean, TrimFraction = 0.4 };
        var updates = Enumerable.Range(0, 5).Select(i => new Update(RandomUpdates.Solver(i), new[] { (float)i }, 1)).ToArray();
        Assert.Equal([2f], RobustAggregator.Aggregate(updates, options).Aggregate); // t = floor(0.4 * 5) = 2
    }

    public static TheoryData<Update[], string> BadUpdates => new()
    {
        { [new(A, new[] { 1f, float.NaN, 2f }, 1)], $"solver {A} has non-finite value NaN at index 1" },
        { [new(A, new[] { 1f }, 1), new(B, new[] { float.NegativeInfinity }, 1)], $"solver {B} has non-finite value -Infinity at index 0" },
        { [new(A, new[] { 1f, 2f }, 1), new(B, new[] { 1f }, 1)], $"solver {B} has 1 values, but solver {A} has 2" },
        { [new(A, new[] { 1f }, 1), new(A, new[] { 2f }, 1)], $"solver {A} has more than one update" },
        { [new(A, Array.Empty<float>(), 1)], $"solver {A} is empty" },
        { [new(A, new[] { 1f }, -1)], $"solver {A} has consensus score -1" },
        { [new(A, new[] { 1f }, double.NaN)], $"solver {A} has consensus score NaN" },
        { [new(A, new[] { 1f }, 0)], "all 1 updates have consensus score 0" },
        { [], "fedavg: no updates to aggregate (n = 0)" },
    };

    [Theory]
    [MemberData(nameof(BadUpdates))]
    public void Aggregate_BadUpdate_ThrowsNamingSolverAndValue(Update[] updates, string expected)
    {
        var error = Assert.Throws<ProtocolException>(() => RobustAggregator.Aggregate(updates, new AggregationOptions()));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AggregationRule.FedAvg, false)]
    [InlineData(AggregationRule.FedAvg, true)]
    [InlineData(AggregationRule.Median, false)]
    [InlineData(AggregationRule.TrimmedMean, false)]
    [InlineData(AggregationRule.Krum, false)]
    [InlineData(AggregationRule.Krum, true)]
    public void Aggregate_NonFiniteUnderAnyRule_ThrowsNamingSolverAndIndex(AggregationRule rule, bool clip)
    {
        var delta = Enumerable.Range(0, 40).Select(j => (float)j).ToArray();
        delta[33] = float.PositiveInfinity;
        Update[] updates = [new(A, new float[40], 1), new(B, delta, 1), new(C, new float[40], 1), new(D, new float[40], 0)];
        var options = new AggregationOptions { Rule = rule, ClipNorm = clip ? 1 : null, TrimPerSide = rule == AggregationRule.TrimmedMean ? 1 : null };
        foreach (var backend in new[] { AggregationBackend.Fast, AggregationBackend.Reference })
        {
            var error = Assert.Throws<ProtocolException>(() => RobustAggregator.Aggregate(updates, options, backend));
            Assert.Contains($"solver {B} has non-finite value Infinity at index 33", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Aggregate_NonFiniteInZeroScoreUpdate_StillRejected()
    {
        Update[] updates = [new(A, new[] { 1f }, 1), new(B, new[] { float.NaN }, 0)];
        var error = Assert.Throws<ProtocolException>(() => RobustAggregator.Aggregate(updates, AggregationOptions.ForRule("median")));
        Assert.Contains($"solver {B} has non-finite value NaN at index 0", error.Message, StringComparison.Ordinal);
    }
}
