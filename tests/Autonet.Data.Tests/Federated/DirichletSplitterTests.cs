using Autonet.Core.Randomness;
using Autonet.Data.Federated;

namespace Autonet.Data.Tests.Federated;

public class DirichletSplitterTests
{
    // 10 classes x 500 samples, labels interleaved.
    private static readonly byte[] Labels = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i % 10))];

    [Fact]
    public void Split_AnyAlpha_EveryIndexExactlyOnce()
    {
        foreach (var alpha in new[] { 0.05, 0.5, 100.0 })
        {
            var parts = DirichletSplitter.Split(Labels, clients: 7, alpha, seed: 1);
            Assert.Equal(7, parts.Length);
            Assert.Equal(Enumerable.Range(0, Labels.Length), parts.SelectMany(p => p).Order());
            Assert.All(parts, p => Assert.Equal(p.Order(), p));
        }
    }

    [Fact]
    public void Split_SameSeed_SameSplit_OtherSeed_Differs()
    {
        var a = DirichletSplitter.Split(Labels, 5, 0.5, seed: 11);
        var b = DirichletSplitter.Split(Labels, 5, 0.5, seed: 11);
        var c = DirichletSplitter.Split(Labels, 5, 0.5, seed: 12);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Split_SmallAlpha_IsSkewed_LargeAlpha_IsNearIid()
    {
        // Mean over clients of the largest class share: 0.1 would be perfectly IID, 1.0 one class per client.
        static double Skew(int[][] parts) => parts.Where(p => p.Length > 0)
            .Average(p => p.GroupBy(i => Labels[i]).Max(g => g.Count()) / (double)p.Length);
        var skewed = Skew(DirichletSplitter.Split(Labels, 10, 0.1, seed: 3));
        var iid = Skew(DirichletSplitter.Split(Labels, 10, 1000, seed: 3));
        Assert.True(skewed > 0.5, $"alpha 0.1: mean top-class share {skewed:F3} should exceed 0.5");
        Assert.True(iid < 0.15, $"alpha 1000: mean top-class share {iid:F3} should be near 0.1");
    }

    [Fact]
    public void Split_MinPerClient_IsRespected()
    {
        var parts = DirichletSplitter.Split(Labels, 20, 0.3, seed: 4, minPerClient: 50);
        Assert.All(parts, p => Assert.True(p.Length >= 50, $"client has {p.Length} < 50"));
    }

    [Fact]
    public void Split_BadArguments_ThrowWithParameterNames()
    {
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => DirichletSplitter.Split(Labels, 3, 0, 1)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => DirichletSplitter.Split(Labels, 3, double.NaN, 1)).ParamName);
        Assert.Equal("clients", Assert.Throws<ArgumentOutOfRangeException>(() => DirichletSplitter.Split(Labels, 0, 1, 1)).ParamName);
        Assert.Equal("minPerClient", Assert.Throws<ArgumentException>(() => DirichletSplitter.Split(Labels, 3, 1, 1, minPerClient: 2000)).ParamName);
    }

    [Fact]
    public void Gamma_ShapeTwoAndHalf_HasMeanAndVarianceOfShape()
    {
        // Gamma(k, 1) has mean k and variance k.
        foreach (var shape in new[] { 0.5, 2.5 })
        {
            var random = new SeededRandom(9);
            var samples = Enumerable.Range(0, 40_000).Select(_ => DirichletSplitter.Gamma(random, shape)).ToArray();
            var mean = samples.Average();
            var variance = samples.Select(x => (x - mean) * (x - mean)).Average();
            Assert.Equal(shape, mean, 0.05 * shape + 0.01);
            Assert.Equal(shape, variance, 0.1 * shape + 0.02);
        }
    }

    [Fact]
    public void Dirichlet_TinyAlpha_StillSumsToOne()
    {
        var shares = DirichletSplitter.Dirichlet(new SeededRandom(2), 5, 1e-4);
        Assert.Equal(1.0, shares.Sum(), 9);
        Assert.All(shares, s => Assert.InRange(s, 0, 1));
    }
}
