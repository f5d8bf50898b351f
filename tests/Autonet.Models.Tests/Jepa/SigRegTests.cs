using Autonet.Models.Jepa;

namespace Autonet.Models.Tests.Jepa;

public class SigRegTests
{
    [Fact]
    public void Forward_Gradient_MatchesFiniteDifferences()
    {
        const int b = 8, c = 3;
        var sigReg = new SigReg(c, directions: 5, seed: 2);
        var random = new Random(3);
        var z = Enumerable.Range(0, b * c).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var dz = new float[z.Length];
        sigReg.Forward(z, dz, b, 0.5f);
        for (var i = 0; i < z.Length; i++)
        {
            var saved = z[i];
            z[i] = saved + 1e-3f;
            var up = sigReg.Forward(z, new float[z.Length], b, 0.5f);
            z[i] = saved - 1e-3f;
            var down = sigReg.Forward(z, new float[z.Length], b, 0.5f);
            z[i] = saved;
            var numeric = (up - down) / 2e-3f;
            Assert.True(Math.Abs(numeric - dz[i]) < 2e-3 + (0.02 * Math.Abs(numeric)), $"element {i}: analytic {dz[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Forward_GaussianBeatsCollapsedAndShrunk()
    {
        const int b = 512, c = 8;
        var sigReg = new SigReg(c, directions: 16, seed: 1);
        var random = new Random(5);
        var gaussian = Enumerable.Range(0, b * c).Select(_ => (float)Gaussian(random)).ToArray();
        var shrunk = gaussian.Select(v => v * 0.1f).ToArray();
        var collapsed = new float[b * c];
        var onGaussian = sigReg.Forward(gaussian, new float[b * c], b, 1f);
        Assert.True(onGaussian < sigReg.Forward(shrunk, new float[b * c], b, 1f) / 10, $"Gaussian {onGaussian}");
        Assert.True(onGaussian < sigReg.Forward(collapsed, new float[b * c], b, 1f) / 10, $"Gaussian {onGaussian}");
    }

    [Fact]
    public void Forward_WrongLength_ThrowsNamingZ()
    {
        var error = Assert.Throws<ArgumentException>(() => new SigReg(4, 2, 1).Forward(new float[6], new float[6], 2, 1f));
        Assert.Equal("z", error.ParamName);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
