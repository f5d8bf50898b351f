using Autonet.Models.Jepa;

namespace Autonet.Models.Tests.Jepa;

public class FeatureRegularizerTests
{
    [Fact]
    public void Forward_Gradient_MatchesFiniteDifferences()
    {
        const int b = 6, c = 5;
        var random = new Random(4);
        var z = Enumerable.Range(0, b * c).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var dz = new float[z.Length];
        FeatureRegularizer.Forward(z, dz, b, c, 1f, 0.5f);
        var scratch = new float[z.Length];
        for (var i = 0; i < z.Length; i++)
        {
            var saved = z[i];
            z[i] = saved + 1e-3f;
            var up = FeatureRegularizer.Forward(z, scratch, b, c, 1f, 0.5f);
            z[i] = saved - 1e-3f;
            var down = FeatureRegularizer.Forward(z, scratch, b, c, 1f, 0.5f);
            z[i] = saved;
            var numeric = (up - down) / 2e-3f;
            Assert.True(Math.Abs(numeric - dz[i]) < 2e-3 + (0.02 * Math.Abs(numeric)), $"element {i}: analytic {dz[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Forward_WideSpreadUncorrelated_VarianceTermIsZero()
    {
        float[] z = [3, 0, -3, 0, 0, 3, 0, -3];
        var loss = FeatureRegularizer.Forward(z, new float[8], 4, 2, 1f, 0f);
        Assert.Equal(0f, loss);
    }

    [Fact]
    public void Forward_OneSample_ThrowsNamingZ() =>
        Assert.Equal("z", Assert.Throws<ArgumentException>(() => FeatureRegularizer.Forward(new float[3], new float[3], 1, 3, 1f, 1f)).ParamName);

    [Fact]
    public void Invariance_Gradient_MatchesFiniteDifferences()
    {
        const int b = 6, c = 4;
        var random = new Random(7);
        var z = Enumerable.Range(0, b * c).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var dz = new float[z.Length];
        FeatureRegularizer.Invariance(z, dz, b, c, 2f);
        for (var i = 0; i < z.Length; i++)
        {
            var saved = z[i];
            z[i] = saved + 1e-3f;
            var up = FeatureRegularizer.Invariance(z, new float[z.Length], b, c, 2f);
            z[i] = saved - 1e-3f;
            var down = FeatureRegularizer.Invariance(z, new float[z.Length], b, c, 2f);
            z[i] = saved;
            var numeric = (up - down) / 2e-3f;
            Assert.True(Math.Abs(numeric - dz[i]) < 1e-3 + (0.02 * Math.Abs(numeric)), $"element {i}: analytic {dz[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Invariance_IdenticalViews_ZeroLossAndGradient()
    {
        float[] z = [1, 2, -3, 4, 1, 2, -3, 4]; // rows 0, 1 then their copies 2, 3
        var dz = new float[8];
        Assert.Equal(0f, FeatureRegularizer.Invariance(z, dz, 4, 2, 1f));
        Assert.All(dz, g => Assert.Equal(0f, g));
    }

    [Fact]
    public void Invariance_KnownPair_MeanSquaredDistance()
    {
        float[] z = [0, 0, 3, 4]; // one pair of 2-d rows: squared distance 25 over 1 pair x 2 dims
        Assert.Equal(12.5f, FeatureRegularizer.Invariance(z, new float[4], 2, 2, 1f));
    }

    [Fact]
    public void Invariance_OddBatch_ThrowsNamingZ()
    {
        var error = Assert.Throws<ArgumentException>(() => FeatureRegularizer.Invariance(new float[6], new float[6], 3, 2, 1f));
        Assert.Equal("z", error.ParamName);
        Assert.Contains("even batch", error.Message, StringComparison.Ordinal);
    }
}
