using Autonet.Training.Evaluation;

namespace Autonet.Training.Tests;

public class LinearProbeTests
{
    [Fact]
    public void Fit_LinearlySeparableClusters_NearPerfectAccuracy()
    {
        var (features, labels) = Clusters(seed: 1, n: 600, dim: 5, classes: 3);
        var probe = LinearProbe.Fit(features, labels, 5, 3, new LinearProbeOptions { Epochs = 20, LearningRate = 1e-2f });
        var (testFeatures, testLabels) = Clusters(seed: 2, n: 300, dim: 5, classes: 3);
        Assert.True(probe.Accuracy(testFeatures, testLabels) > 0.97);
    }

    [Fact]
    public void Fit_RandomLabels_NearChanceOnFreshData()
    {
        var random = new Random(9);
        var features = Enumerable.Range(0, 2000 * 4).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, 2000).Select(_ => random.Next(2)).ToArray();
        var probe = LinearProbe.Fit(features, labels, 4, 2);
        var testFeatures = Enumerable.Range(0, 2000 * 4).Select(_ => (float)random.NextDouble()).ToArray();
        var testLabels = Enumerable.Range(0, 2000).Select(_ => random.Next(2)).ToArray();
        Assert.InRange(probe.Accuracy(testFeatures, testLabels), 0.44, 0.56);
    }

    [Fact]
    public void Fit_SameSeed_SameModel()
    {
        var (features, labels) = Clusters(seed: 4, n: 200, dim: 3, classes: 2);
        var a = LinearProbe.Fit(features, labels, 3, 2);
        var b = LinearProbe.Fit(features, labels, 3, 2);
        Assert.Equal(a.Accuracy(features, labels), b.Accuracy(features, labels));
    }

    [Fact]
    public void Fit_LabelOutOfRange_ThrowsNamingLabel()
    {
        var error = Assert.Throws<ArgumentException>(() => LinearProbe.Fit(new float[4], [0, 7], 2, 3));
        Assert.Contains("label 7 at row 1", error.Message, StringComparison.Ordinal);
        Assert.Equal("labels", error.ParamName);
    }

    [Fact]
    public void Fit_LengthMismatch_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => LinearProbe.Fit(new float[5], [0, 1], 2, 2));
        Assert.Equal("features", error.ParamName);
    }

    [Fact]
    public void Fit_BadOption_NamesIt()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LinearProbe.Fit(new float[4], [0, 1], 2, 2, new LinearProbeOptions { Epochs = 0 }));
        Assert.Equal("Epochs", error.ParamName);
    }

    private static (float[] Features, int[] Labels) Clusters(int seed, int n, int dim, int classes)
    {
        var random = new Random(seed);
        var features = new float[n * dim];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % classes;
            for (var d = 0; d < dim; d++)
            {
                var center = d == labels[i] ? 4f : 0f;
                features[(i * dim) + d] = center + (float)(random.NextDouble() - 0.5);
            }
        }

        return (features, labels);
    }
}
