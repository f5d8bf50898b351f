using Autonet.Protocol.Aggregation;

namespace Autonet.Protocol.Tests.Aggregation;

/// <summary>
/// The attack in miniature: 1 of 4 solvers sends its delta sign-flipped and scaled ×10.
/// Robust rules stay near the honest mean; FedAvg is dragged far away.
/// </summary>
public class RobustAggregatorRobustnessTests
{
    private const int Length = 4096;

    private static (List<Update> Updates, float[] HonestMean) SignFlipRound(int seed)
    {
        var random = new Random(seed);
        var direction = RandomUpdates.Delta(random, Length); // the shared "true" gradient direction
        var updates = new List<Update>();
        for (var i = 0; i < 3; i++)
        {
            var noise = RandomUpdates.Delta(random, Length, 0.1f);
            updates.Add(new Update(RandomUpdates.Solver(i), direction.Zip(noise, (d, e) => d + e).ToArray(), 1));
        }

        var honestMean = Enumerable.Range(0, Length).Select(j => updates.Average(u => u.Delta.Span[j])).ToArray();
        var attack = updates[0].Delta.ToArray().Select(v => -10f * v).ToArray();
        updates.Add(new Update(RandomUpdates.Solver(3), attack, 1));
        return (updates, honestMean);
    }

    private static double RelativeDistance(float[] x, float[] reference)
    {
        var diff = 0.0;
        var norm = 0.0;
        for (var j = 0; j < x.Length; j++)
        {
            diff += (x[j] - reference[j]) * (double)(x[j] - reference[j]);
            norm += reference[j] * (double)reference[j];
        }

        return Math.Sqrt(diff / norm);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Aggregate_OneOfFourSignFlippedTimesTen_RobustRulesStayCloseFedAvgMovesFar(int seed)
    {
        var (updates, honestMean) = SignFlipRound(seed);
        var fedAvg = RelativeDistance(RobustAggregator.Aggregate(updates, new AggregationOptions()).Aggregate, honestMean);
        var median = RelativeDistance(RobustAggregator.Aggregate(updates, AggregationOptions.ForRule("median")).Aggregate, honestMean);
        var trimmed = RelativeDistance(
            RobustAggregator.Aggregate(updates, new AggregationOptions { Rule = AggregationRule.TrimmedMean, TrimPerSide = 1 }).Aggregate, honestMean);

        // FedAvg = (3·mean − 10·u0)/4 ≈ −1.75·mean: about 2.75 honest norms away.
        Assert.True(fedAvg > 2.0, $"fedavg moved only {fedAvg:F3}");
        Assert.True(median < 0.15, $"median moved {median:F3}");
        Assert.True(trimmed < 0.15, $"trimmed mean moved {trimmed:F3}");
    }

    [Fact]
    public void Aggregate_OneOfFourSignFlippedWithClipping_FedAvgStillMovesButLess()
    {
        var (updates, honestMean) = SignFlipRound(4);
        var bound = Math.Sqrt(honestMean.Sum(v => (double)v * v)) * 1.2;
        var plain = RelativeDistance(RobustAggregator.Aggregate(updates, new AggregationOptions()).Aggregate, honestMean);
        var clipped = RobustAggregator.Aggregate(updates, new AggregationOptions { ClipNorm = bound });
        Assert.Equal(RandomUpdates.Solver(3), Assert.Single(clipped.Clipped).Solver);
        Assert.True(RelativeDistance(clipped.Aggregate, honestMean) < plain / 2);
    }
}
