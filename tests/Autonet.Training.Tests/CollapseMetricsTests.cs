using Autonet.Training.Evaluation;

namespace Autonet.Training.Tests;

public class CollapseMetricsTests
{
    [Fact]
    public void Measure_IsotropicGaussian_RankNearWidth()
    {
        var random = new Random(3);
        const int n = 4000, d = 16;
        var data = new float[n * d];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)Gaussian(random);
        }

        var metrics = CollapseMetrics.Measure(data, n, d);
        Assert.InRange(metrics.EffectiveRank, 15.5, 16.0);
        Assert.InRange(metrics.MeanStd, 0.95, 1.05);
    }

    [Fact]
    public void Measure_PointsOnALine_RankOne()
    {
        const int n = 100, d = 8;
        var data = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < d; k++)
            {
                data[(i * d) + k] = i * (k + 1);
            }
        }

        Assert.InRange(CollapseMetrics.Measure(data, n, d).EffectiveRank, 0.99, 1.01);
    }

    [Fact]
    public void Measure_IdenticalRows_ZeroStdAndRank()
    {
        var data = Enumerable.Repeat(0.5f, 10 * 4).ToArray();
        var metrics = CollapseMetrics.Measure(data, 10, 4);
        Assert.Equal(0, metrics.MeanStd, 12);
        Assert.Equal(0, metrics.EffectiveRank);
    }

    [Fact]
    public void Measure_NaN_ThrowsNamingRow()
    {
        var data = new float[3 * 2];
        data[3] = float.NaN;
        var error = Assert.Throws<ArgumentException>(() => CollapseMetrics.Measure(data, 3, 2));
        Assert.Contains("row 1, dim 1", error.Message, StringComparison.Ordinal);
        Assert.Equal("embeddings", error.ParamName);
    }

    [Fact]
    public void Measure_DiagonalCovariance_EigenvaluesMatchVariances()
    {
        // Two independent dims with std 1 and 3: singular values ratio 1:3 -> p = 0.25, 0.75.
        var random = new Random(5);
        const int n = 20000;
        var data = new float[n * 2];
        for (var i = 0; i < n; i++)
        {
            data[2 * i] = (float)Gaussian(random);
            data[(2 * i) + 1] = (float)(3 * Gaussian(random));
        }

        var expected = Math.Exp(-((0.25 * Math.Log(0.25)) + (0.75 * Math.Log(0.75))));
        Assert.InRange(CollapseMetrics.Measure(data, n, 2).EffectiveRank, expected - 0.02, expected + 0.02);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
