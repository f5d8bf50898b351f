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
}
