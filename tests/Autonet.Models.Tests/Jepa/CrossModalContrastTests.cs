using Autonet.Models.Jepa;

namespace Autonet.Models.Tests.Jepa;

public class CrossModalContrastTests
{
    [Fact]
    public void Forward_Gradient_MatchesFiniteDifferences()
    {
        const int m = 5, c = 4;
        var random = new Random(11);
        var p = Enumerable.Range(0, m * c).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var z = Enumerable.Range(0, m * c).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var dp = new float[p.Length];
        CrossModalContrast.Forward(p, z, dp, m, c, 0.5f, 0.7f);
        for (var i = 0; i < p.Length; i++)
        {
            var saved = p[i];
            p[i] = saved + 1e-3f;
            var up = CrossModalContrast.Forward(p, z, new float[p.Length], m, c, 0.5f, 0.7f);
            p[i] = saved - 1e-3f;
            var down = CrossModalContrast.Forward(p, z, new float[p.Length], m, c, 0.5f, 0.7f);
            p[i] = saved;
            var numeric = (up - down) / 2e-3f;
            Assert.True(Math.Abs(numeric - dp[i]) < 2e-3 + (0.02 * Math.Abs(numeric)), $"element {i}: analytic {dp[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Forward_MatchedPairs_LowerThanShuffled()
    {
        const int m = 8, c = 6;
        var random = new Random(3);
        var z = Enumerable.Range(0, m * c).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var shuffled = new float[z.Length];
        for (var i = 0; i < m; i++)
        {
            z.AsSpan(((i + 1) % m) * c, c).CopyTo(shuffled.AsSpan(i * c, c));
        }
        var matched = CrossModalContrast.Forward(z, z, new float[z.Length], m, c, 0.1f, 1f);
        var wrong = CrossModalContrast.Forward(shuffled, z, new float[z.Length], m, c, 0.1f, 1f);
        Assert.True(matched < Math.Log(m) && wrong > Math.Log(m), $"matched {matched}, shuffled {wrong}, log M {Math.Log(m)}");
    }

    [Fact]
    public void Forward_OnePair_ThrowsNamingPred()
    {
        var error = Assert.Throws<ArgumentException>(() => CrossModalContrast.Forward(new float[4], new float[4], new float[4], 1, 4, 0.1f, 1f));
        Assert.Equal("pred", error.ParamName);
        Assert.Contains("at least 2 pairs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_ZeroTemperature_ThrowsNamingTemperature()
    {
        var error = Assert.Throws<ArgumentException>(() => CrossModalContrast.Forward(new float[8], new float[8], new float[8], 2, 4, 0f, 1f));
        Assert.Equal("temperature", error.ParamName);
    }
}
