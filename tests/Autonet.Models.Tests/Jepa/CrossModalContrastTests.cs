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
    public void Forward_LogScaleGradient_MatchesFiniteDifferences()
    {
        const int m = 4, c = 3, q = 3;
        var random = new Random(23);
        float[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        var (p, z, queue) = (Values(m * c), Values(m * c), Values(q * c));
        int[] queueIds = [1, 5, 6], ids = [0, 1, 2, 3]; // sample 1's queued key is left out (-inf): must not poison the sum
        float Loss(double theta, out double dTheta) => CrossModalContrast.Forward(p, z, new float[p.Length], m, c, (float)Math.Exp(-theta), 0.7f, queue, queueIds, ids, out dTheta);
        const double theta = 1.2, h = 1e-3;
        Loss(theta, out var analytic);
        var numeric = (Loss(theta + h, out _) - Loss(theta - h, out _)) / (2 * h);
        Assert.True(Math.Abs(analytic) > 1e-3 && Math.Abs(numeric - analytic) < 2e-3 + (0.02 * Math.Abs(numeric)), $"analytic {analytic}, numeric {numeric}");
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

    [Fact]
    public void Forward_WithQueue_GradientMatchesFiniteDifferences()
    {
        const int m = 4, c = 3, q = 5;
        var random = new Random(5);
        float[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        var (p, z, queue) = (Values(m * c), Values(m * c), Values(q * c));
        int[] queueIds = [7, 1, 9, 2, 8], ids = [0, 1, 2, 3]; // samples 1 and 2 have a queued key of their own: left out
        float Loss(float[] pred, float[] grad) => CrossModalContrast.Forward(pred, z, grad, m, c, 0.5f, 0.7f, queue, queueIds, ids);
        var dp = new float[p.Length];
        Loss(p, dp);
        for (var i = 0; i < p.Length; i++)
        {
            var saved = p[i];
            p[i] = saved + 1e-3f;
            var up = Loss(p, new float[p.Length]);
            p[i] = saved - 1e-3f;
            var down = Loss(p, new float[p.Length]);
            p[i] = saved;
            var numeric = (up - down) / 2e-3f;
            Assert.True(Math.Abs(numeric - dp[i]) < 2e-3 + (0.02 * Math.Abs(numeric)), $"element {i}: analytic {dp[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Forward_QueuedKeyOfOwnSample_LeftOut()
    {
        const int m = 6, c = 8;
        var random = new Random(9);
        var z = Enumerable.Range(0, m * c).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        int[] ids = [10, 11, 12, 13, 14, 15];
        // the queue holds copies of this batch's keys: as the same samples' keys they are left out; under other ids
        // each prediction meets an exact copy of its own target among the negatives, which must cost more
        var own = CrossModalContrast.Forward(z, z, new float[z.Length], m, c, 0.1f, 1f, z, ids, ids);
        var strangers = CrossModalContrast.Forward(z, z, new float[z.Length], m, c, 0.1f, 1f, z, [.. ids.Select(i => i + 100)], ids);
        Assert.True(strangers > own + 0.1, $"own sample's queued keys {own}, the same keys under other ids {strangers}");
    }

    [Fact]
    public void Forward_QueueIdsOfWrongLength_ThrowsNamingQueue()
    {
        var error = Assert.Throws<ArgumentException>(() => CrossModalContrast.Forward(new float[8], new float[8], new float[8], 2, 4, 0.1f, 1f, new float[8], [1], [0, 1]));
        Assert.Equal("queue", error.ParamName);
    }
}
