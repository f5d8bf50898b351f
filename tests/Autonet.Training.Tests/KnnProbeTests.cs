using Autonet.Training.Evaluation;

namespace Autonet.Training.Tests;

public class KnnProbeTests
{
    [Fact]
    public void Accuracy_SeparatedDirections_Perfect()
    {
        var (train, trainLabels) = Directions(seed: 1, n: 300);
        var (test, testLabels) = Directions(seed: 2, n: 90);
        Assert.Equal(1.0, KnnProbe.Accuracy(train, trainLabels, test, testLabels, dim: 3));
    }

    [Fact]
    public void Accuracy_RandomLabels_NearChance()
    {
        var random = new Random(3);
        var train = Enumerable.Range(0, 1000 * 4).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var trainLabels = Enumerable.Range(0, 1000).Select(_ => random.Next(2)).ToArray();
        var test = Enumerable.Range(0, 1000 * 4).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var testLabels = Enumerable.Range(0, 1000).Select(_ => random.Next(2)).ToArray();
        Assert.InRange(KnnProbe.Accuracy(train, trainLabels, test, testLabels, dim: 4), 0.44, 0.56);
    }

    [Fact]
    public void Accuracy_ScaleOfRows_DoesNotMatter()
    {
        // cosine: the nearest neighbour of (1, 0.1) is the short row along it, not the long row closer in distance
        float[] train = [0.1f, 0.01f, 10f, 9f];
        int[] trainLabels = [0, 1];
        Assert.Equal(1.0, KnnProbe.Accuracy(train, trainLabels, [1f, 0.1f], [0], dim: 2, k: 1));
    }

    [Fact]
    public void Accuracy_KOfOne_IsNearestNeighbour()
    {
        float[] train = [1, 0, 0, 1, -1, 0];
        int[] labels = [0, 1, 2];
        Assert.Equal(1.0, KnnProbe.Accuracy(train, labels, [0.1f, 0.9f, -0.9f, 0.2f], [1, 2], dim: 2, k: 1));
    }

    [Fact]
    public void Accuracy_KAboveTrainingRows_ThrowsNamingK()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KnnProbe.Accuracy(new float[4], [0, 1], new float[2], [0], dim: 2, k: 3));
        Assert.Equal("k", error.ParamName);
        Assert.Contains("[1, 2]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accuracy_NaNFeature_ThrowsNamingTest()
    {
        var error = Assert.Throws<ArgumentException>(() => KnnProbe.Accuracy(new float[4], [0, 1], [float.NaN, 0], [0], dim: 2, k: 1));
        Assert.Equal("test", error.ParamName);
    }

    [Fact]
    public void Accuracy_LengthMismatch_ThrowsNamingTrain()
    {
        var error = Assert.Throws<ArgumentException>(() => KnnProbe.Accuracy(new float[5], [0, 1], new float[2], [0], dim: 2, k: 1));
        Assert.Equal("train", error.ParamName);
    }

    // Class c points along axis c with noise: separable by angle.
    private static (float[] Features, int[] Labels) Directions(int seed, int n)
    {
        var random = new Random(seed);
        var features = new float[n * 3];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % 3;
            for (var d = 0; d < 3; d++)
            {
                features[(i * 3) + d] = (d == labels[i] ? 1f + (float)random.NextDouble() : 0f) + (0.2f * ((float)random.NextDouble() - 0.5f));
            }
        }
        return (features, labels);
    }
}
