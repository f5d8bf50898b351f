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
    }

    [Fact]
    public void Rank_CollapsedQueries_ScoreZeroWithOneNeighbour()
    {
        var queries = Enumerable.Repeat(new[] { 1f, 2f, 3f }, 10).SelectMany(v => v).ToArray();
        var random = new Random(2);
        var keys = Enumerable.Range(0, 30).Select(_ => (float)random.NextDouble()).ToArray();
        var d = RetrievalEvaluation.Rank(queries, keys, 10, 3);
        Assert.Equal(1, d.DistinctNeighbours); // every query has the same nearest key
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
}
