using Autonet.Protocol.Aggregation;

namespace Autonet.Protocol.Tests.Aggregation;

/// <summary>Seeded properties over random n, lengths, scores and clipping: backends agree, order does not matter.</summary>
public class RobustAggregatorPropertyTests
{
    public static TheoryData<int> Seeds => [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

    private static AggregationOptions RandomOptions(Random random, int count)
    {
        var rule = (AggregationRule)random.Next(4);
        var f = Math.Max(0, (count - 3) / 2);
        return new AggregationOptions
        {
            Rule = rule,
            ClipNorm = random.Next(2) == 0 ? null : 5 + (random.NextDouble() * 20),
            TrimPerSide = rule == AggregationRule.TrimmedMean ? random.Next((count + 1) / 2) : null,
            ByzantineCount = f,
            KrumSelect = random.Next(1, count - f + 1),
        };
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Aggregate_RandomRound_FastEqualsReferenceBitwise(int seed)
    {
        var random = new Random(seed);
        var count = random.Next(3, 16);
        var updates = RandomUpdates.Make(random, count, random.Next(1, 3000));
        var options = RandomOptions(random, count);
        var expected = RobustAggregator.Aggregate(updates, options, AggregationBackend.Reference);
        var actual = RobustAggregator.Aggregate(updates, options, AggregationBackend.Fast);
        RandomUpdates.AssertBitwiseEqual(expected.Aggregate, actual.Aggregate);
        Assert.Equal(expected.Outcomes, actual.Outcomes);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Aggregate_ShuffledInput_SameBytesAndOutcomes(int seed)
    {
        var random = new Random(seed);
        var count = random.Next(3, 12);
        var updates = RandomUpdates.Make(random, count, random.Next(1, 2000));
        var options = RandomOptions(random, count);
        var first = RobustAggregator.Aggregate(updates, options);
        var shuffled = updates.ToArray();
        random.Shuffle(shuffled);
        var second = RobustAggregator.Aggregate(shuffled, options);
        RandomUpdates.AssertBitwiseEqual(first.Aggregate, second.Aggregate);
        Assert.Equal(first.Outcomes, second.Outcomes);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Aggregate_MedianAndTrimmedMean_StayWithinColumnRange(int seed)
    {
        var random = new Random(seed);
        var count = random.Next(1, 12);
        var updates = RandomUpdates.Make(random, count, 300);
        foreach (var rule in new[] { AggregationRule.Median, AggregationRule.TrimmedMean })
        {
            var options = new AggregationOptions { Rule = rule, TrimPerSide = rule == AggregationRule.TrimmedMean ? (count - 1) / 3 : null };
            var result = RobustAggregator.Aggregate(updates, options);
            for (var j = 0; j < 300; j++)
            {
                var column = updates.Select(u => u.Delta.Span[j]).ToArray();
                Assert.InRange(result.Aggregate[j], column.Min(), column.Max());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Aggregate_ClipNorm_EveryClippedUpdateWithinBound(int seed)
    {
        var random = new Random(seed);
        var updates = RandomUpdates.Make(random, 6, 500);
        var bound = 3.0;
        var result = RobustAggregator.Aggregate(updates, new AggregationOptions { ClipNorm = bound });
        foreach (var outcome in result.Outcomes)
        {
            Assert.Equal(outcome.Norm > bound, outcome.Clipped);
            var clippedNorm = outcome.Norm * outcome.ClipScale;
            Assert.True(clippedNorm <= bound * (1 + 1e-6), $"{outcome.Solver}: {clippedNorm} > {bound}");
        }

        // FedAvg of vectors each within the bound stays within it (triangle inequality), up to float rounding.
        var norm = Math.Sqrt(result.Aggregate.Sum(v => (double)v * v));
        Assert.True(norm <= bound * (1 + 1e-5), $"aggregate norm {norm} > {bound}");
    }
}
