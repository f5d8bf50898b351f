using Autonet.Training.Evaluation;

namespace Autonet.Training.Tests;

public class RetrievalEvaluationTests
{
    [Fact]
    public void Rank_KeysEqualQueries_FindsEveryPairFirst()
    {
        var random = new Random(1);
        var x = Enumerable.Range(0, 20 * 6).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var d = RetrievalEvaluation.Rank(x, x, 20, 6);
        Assert.Equal((1.0, 1.0, 20, 20), (d.RecallAt1, d.RecallAt5, d.DistinctNeighbours, d.Queries));
        Assert.Equal(0.5, d.TopHubShare); // each key nearest once: the 10 "hubs" hold 10 of 20 queries
    }

    [Fact]
    public void Rank_CollapsedQueries_ScoreZeroWithOneNeighbour()
    {
        var queries = Enumerable.Repeat(new[] { 1f, 2f, 3f }, 10).SelectMany(v => v).ToArray();
        var random = new Random(2);
        var keys = Enumerable.Range(0, 30).Select(_ => (float)random.NextDouble()).ToArray();
        var d = RetrievalEvaluation.Rank(queries, keys, 10, 3);
        Assert.Equal(1, d.DistinctNeighbours); // every query has the same nearest key
        Assert.Equal(1.0, d.TopHubShare);
        Assert.True(d.RecallAt1 <= 0.1, $"R@1 {d.RecallAt1}"); // only the one pair whose key is that nearest one
        var constant = RetrievalEvaluation.Rank(queries, queries, 10, 3);
        Assert.Equal((0.0, 0.0), (constant.RecallAt1, constant.RecallAt5)); // ties count against the pair: no credit for collapse
    }

    [Fact]
    public void Rank_KeysShiftedByOne_MissAtOneFindAtFive()
    {
        // on a circle 45 degrees apart: key i + 1 sits 0.01 rad from query i, its own key i 45 degrees less 0.01: second
        var n = 8;
        var queries = new float[n * 2];
        var keys = new float[n * 2];
        for (var i = 0; i < n; i++)
        {
            var angle = i * 2 * Math.PI / n;
            (queries[2 * i], queries[(2 * i) + 1]) = ((float)Math.Cos(angle), (float)Math.Sin(angle));
            var a = ((i - 1) * 2 * Math.PI / n) + 0.01;
            (keys[2 * i], keys[(2 * i) + 1]) = ((float)Math.Cos(a), (float)Math.Sin(a));
        }
        var d = RetrievalEvaluation.Rank(queries, keys, n, 2);
        Assert.Equal((0.0, 1.0, n), (d.RecallAt1, d.RecallAt5, d.DistinctNeighbours));
    }

    [Fact]
    public void Rank_WrongLength_ThrowsNamingQueries()
    {
        var error = Assert.Throws<ArgumentException>(() => RetrievalEvaluation.Rank(new float[5], new float[6], 2, 3));
        Assert.Equal("queries", error.ParamName);
    }

    // 2-D, mean zero (every point has its opposite): queries at 0 and +-30 degrees, their own keys at 0 and +-75; the
    // key at 0 is nearer the +-30 queries (cos 30 > cos 45) than their own keys, a hub. Same on the opposite side.
    private static (float[] Queries, float[] Keys) HubCase()
    {
        float[] Points(params double[] degrees) => [.. degrees.SelectMany(a => new[] { (float)Math.Cos(a * Math.PI / 180), (float)Math.Sin(a * Math.PI / 180) })];
        return (Points(0, 30, -30, 180, 210, 150), Points(0, 75, -75, 180, 255, 105));
    }

    [Fact]
    public void Rank_HubKey_CosineFindsTwoNeighboursCslsFindsAll()
    {
        var (queries, keys) = HubCase();
        var reference = new RetrievalReference(queries, keys, 6, 2, neighbours: 2);
        var cosine = RetrievalEvaluation.Rank(queries, keys, 6, 2, reference, csls: false);
        Assert.Equal((2, 2.0 / 6), (cosine.DistinctNeighbours, cosine.RecallAt1)); // the keys at 0 and 180 take every query
        // r(key at 0) = (cos 0 + cos 30) / 2 = 0.933; r(key at 75) = (cos 45 + cos 75) / 2 = 0.483: for the query at 30,
        // 2 cos 30 - 0.933 = 0.799 < 2 cos 45 - 0.483 = 0.931, so its own key wins
        var csls = RetrievalEvaluation.Rank(queries, keys, 6, 2, reference, csls: true);
        Assert.Equal((6, 1.0), (csls.DistinctNeighbours, csls.RecallAt1));
    }

    [Fact]
    public void Rank_Reference_CentresOnTheTrainingMeanNotTheRankedSet()
    {
        var (queries, keys) = HubCase();
        var shifted = queries.Select((v, i) => v + (i % 2 == 0 ? 5f : 0f)).ToArray(); // every query moved by (5, 0)
        var trainingMean = new RetrievalReference(shifted, keys, 6, 2, neighbours: 2); // the training queries are shifted too
        var zeroMean = new RetrievalReference(queries, keys, 6, 2, neighbours: 2);
        var centred = RetrievalEvaluation.Rank(shifted, keys, 6, 2, trainingMean, csls: false);
        Assert.Equal(2.0 / 6, centred.RecallAt1); // the shift is removed: the hub case again
        var uncentred = RetrievalEvaluation.Rank(shifted, keys, 6, 2, zeroMean, csls: false);
        Assert.Equal(1, uncentred.DistinctNeighbours); // every shifted query points near (1, 0): the key at 0
        Assert.Equal(0, RetrievalReference.OffsetRatio(shifted, 6, 2, RetrievalReference.Mean(shifted, 6, 2)), 6);
        Assert.True(RetrievalReference.OffsetRatio(shifted, 6, 2, null) > 0.95); // |(5, 0)| against norms of 4-6
    }

    [Fact]
    public void Reference_TooFewPairsOrOtherWidth_Throws()
    {
        var (queries, keys) = HubCase();
        var few = Assert.Throws<ArgumentException>(() => new RetrievalReference(queries, keys, 6, 2));
        Assert.Contains("at least 10", few.Message, StringComparison.Ordinal);
        var reference = new RetrievalReference(queries, keys, 6, 2, neighbours: 2);
        var width = Assert.Throws<ArgumentException>(() => RetrievalEvaluation.Rank(new float[6], new float[6], 2, 3, reference, csls: true));
        Assert.Equal("reference", width.ParamName);
    }
}
