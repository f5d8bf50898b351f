using Autonet.Data.Federated;
using Autonet.Data.Images;

namespace Autonet.Data.Tests.Images;

public class FashionMnistTests
{
    [Fact]
    public void Load_TestSplit_HasTenBalancedClassesOf28x28()
    {
        var data = FashionMnist.Load(FashionMnistSplit.Test, PixelNormalization.UnitRange);
        Assert.Equal(10_000, data.Count);
        Assert.Equal(10_000 * 28 * 28, data.Pixels.Length);
        // The t10k split has exactly 1000 images per class.
        Assert.All(data.Labels.GroupBy(l => l), g => Assert.Equal(1000, g.Count()));
        Assert.All(data.Pixels, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(1f, data.Pixels.Max());
    }

    [Fact]
    public void Load_MaxCount_KeepsFirstImages()
    {
        var first = FashionMnist.Load(FashionMnistSplit.Train, PixelNormalization.UnitRange, maxCount: 5);
        Assert.Equal(5, first.Count);
        // The first training image of Fashion-MNIST is an ankle boot (label 9), the second a T-shirt/top (0).
        Assert.Equal(new byte[] { 9, 0 }, first.Labels[..2]);
        Assert.Equal(28 * 28, first.Image(0).Length);
    }

    [Fact]
    public void TrainMeanAndStd_MatchTheRealTrainSplit()
    {
        var images = IdxFile.Read(FashionMnist.FilePath(FashionMnist.DefaultDirectory, FashionMnistSplit.Train, labels: false), IdxFile.ImagesMagic);
        double sum = 0, sumSquares = 0;
        foreach (var b in images.Data)
        {
            var x = b / 255.0;
            sum += x;
            sumSquares += x * x;
        }
        var mean = sum / images.Data.Length;
        var std = Math.Sqrt((sumSquares / images.Data.Length) - (mean * mean));
        Assert.Equal(FashionMnist.TrainMean, mean, 0.0005);
        Assert.Equal(FashionMnist.TrainStd, std, 0.0005);
    }

    [Fact]
    public void Normalize_Standardized_MatchesFormula()
    {
        var values = FashionMnist.Normalize([0, 128, 255], PixelNormalization.Standardized);
        Assert.Equal((0f - FashionMnist.TrainMean) / FashionMnist.TrainStd, values[0], 6);
        Assert.Equal(((128f / 255f) - FashionMnist.TrainMean) / FashionMnist.TrainStd, values[1], 6);
        Assert.Equal((1f - FashionMnist.TrainMean) / FashionMnist.TrainStd, values[2], 6);
    }

    [Fact]
    public void Load_MissingDirectory_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(FashionMnistSplit.Test, directory: "/nonexistent/fmnist"));
    }

    [Fact]
    public void Subset_ClientShare_CopiesThoseImagesAndLabels()
    {
        var data = FashionMnist.Load(FashionMnistSplit.Test, maxCount: 100);
        var shares = DirichletSplitter.Split(data.Labels, clients: 3, alpha: 0.5, seed: 1);
        var client = data.Subset(shares[1]);
        Assert.Equal(shares[1].Length, client.Count);
        for (var i = 0; i < client.Count; i++)
        {
            Assert.Equal(data.Labels[shares[1][i]], client.Labels[i]);
            Assert.True(data.Image(shares[1][i]).SequenceEqual(client.Image(i)));
        }
    }

    [Fact]
    public void Image_IndexOutOfRange_Throws()
    {
        var data = FashionMnist.Load(FashionMnistSplit.Test, maxCount: 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Image(2).Length);
    }
}
