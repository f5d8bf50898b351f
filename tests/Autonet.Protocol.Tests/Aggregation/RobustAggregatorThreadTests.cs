using Autonet.Protocol.Aggregation;

namespace Autonet.Protocol.Tests.Aggregation;

/// <summary>
/// Determinism across threads: anyone recomputing an aggregate must get the same bytes, whatever their core count.
/// Every rule, on deltas spanning several segments, with 1 and 2 threads (and the reference loops) gives the same
/// bytes and outcomes; plus the caller-buffer overload and its argument errors.
/// </summary>
public class RobustAggregatorThreadTests
{
    public static TheoryData<int> Seeds => [31, 32, 33, 34, 35, 36];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Aggregate_OneAndTwoThreads_SameBytesAndOutcomes(int seed)
    {
        var random = new Random(seed);
        var count = random.Next(3, 33);
        var length = (Segments.Length * random.Next(1, 4)) + random.Next(1, 100); // 2 to 4 segments, the last one ragged
        var updates = RandomUpdates.Make(random, count, length);
        var f = Math.Max(0, (count - 3) / 2);
        AggregationOptions[] rules =
        [
            new() { Rule = AggregationRule.FedAvg },
            new() { Rule = AggregationRule.FedAvg, ClipNorm = 50 },
            new() { Rule = AggregationRule.Median },
            new() { Rule = AggregationRule.TrimmedMean, TrimPerSide = random.Next((count + 1) / 2) },
            new() { Rule = AggregationRule.Krum, ByzantineCount = f, KrumSelect = random.Next(1, count - f + 1) },
        ];
        foreach (var options in rules)
        {
            var one = RobustAggregator.Aggregate(updates, options, AggregationBackend.Fast, threads: 1);
            var two = RobustAggregator.Aggregate(updates, options, AggregationBackend.Fast, threads: 2);
            RandomUpdates.AssertBitwiseEqual(one.Aggregate, two.Aggregate);
            Assert.Equal(one.Outcomes, two.Outcomes);
            if (options.Rule != AggregationRule.Krum || count <= 12)
            {
                // The oracle, where it runs in well under a second (Krum's reference is O(n²) passes over the data).
                var reference = RobustAggregator.Aggregate(updates, options, AggregationBackend.Reference);
                RandomUpdates.AssertBitwiseEqual(reference.Aggregate, one.Aggregate);
                Assert.Equal(reference.Outcomes, one.Outcomes);
            }
        }
    }

    [Fact]
    public void Aggregate_IntoDestination_FillsAndReturnsIt()
    {
        var updates = RandomUpdates.Make(new Random(5), 4, 1000);
        var destination = new float[1000];
        var result = RobustAggregator.Aggregate(updates, AggregationOptions.ForRule("median"), destination);
        Assert.Same(destination, result.Aggregate);
        RandomUpdates.AssertBitwiseEqual(RobustAggregator.Aggregate(updates, AggregationOptions.ForRule("median")).Aggregate, destination);
    }

    [Fact]
    public void Aggregate_DestinationOfOtherLength_ThrowsNamingBothLengths()
    {
        var updates = RandomUpdates.Make(new Random(6), 3, 100);
        var error = Assert.Throws<ArgumentException>(() => RobustAggregator.Aggregate(updates, new AggregationOptions(), new float[99]));
        Assert.Equal("destination", error.ParamName);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
        Assert.Contains("100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_NegativeThreads_Throws()
    {
        var updates = RandomUpdates.Make(new Random(7), 3, 10);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RobustAggregator.Aggregate(updates, new AggregationOptions(), threads: -1));
        Assert.Equal("threads", error.ParamName);
    }
}
