using Autonet.Core.Randomness;
using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Training.Jepa;

namespace Autonet.Training.Tests.Jepa;

public class ImageAugmentationTests
{
    private static readonly float[] Ramp = [.. Enumerable.Range(0, 28 * 28).Select(i => (float)i)];

    [Fact]
    public void Apply_WholePictureNoFlip_IsIdentity()
    {
        var view = new float[Ramp.Length];
        new ImageAugmentation { MinScale = 1, MinRatio = 1, MaxRatio = 1, FlipProbability = 0 }.Apply(Ramp, view, 28, 28, new SeededRandom(1));
        Assert.Equal(Ramp, view);
    }

    [Fact]
    public void Apply_WholePictureAlwaysFlip_MirrorsRows()
    {
        var view = new float[Ramp.Length];
        new ImageAugmentation { MinScale = 1, MinRatio = 1, MaxRatio = 1, FlipProbability = 1 }.Apply(Ramp, view, 28, 28, new SeededRandom(1));
        Assert.Equal(Ramp[(3 * 28) + 27], view[3 * 28]);
        Assert.Equal(Ramp[3 * 28], view[(3 * 28) + 27]);
    }

    [Fact]
    public void Apply_SmallCrop_StaysInsideThePictureAndMagnifies()
    {
        var view = new float[Ramp.Length];
        new ImageAugmentation { MinScale = 0.25, MaxScale = 0.25, FlipProbability = 0 }.Apply(Ramp, view, 28, 28, new SeededRandom(5));
        Assert.All(view, v => Assert.InRange(v, Ramp[0], Ramp[^1])); // no invented padding
        Assert.True(view[1] - view[0] < 1f, $"a quarter-area crop spreads a pixel over about two: step {view[1] - view[0]}");
    }

    [Fact]
    public void Apply_SameGenerator_SameView_OtherSeed_OtherView()
    {
        var augmentation = new ImageAugmentation();
        var (a, b, c) = (new float[Ramp.Length], new float[Ramp.Length], new float[Ramp.Length]);
        augmentation.Apply(Ramp, a, 28, 28, new SeededRandom(9));
        augmentation.Apply(Ramp, b, 28, 28, new SeededRandom(9));
        augmentation.Apply(Ramp, c, 28, 28, new SeededRandom(10));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Apply_WrongViewLength_ThrowsNamingImage()
    {
        var error = Assert.Throws<ArgumentException>(() => new ImageAugmentation().Apply(Ramp, new float[10], 28, 28, new SeededRandom(1)));
        Assert.Equal("image", error.ParamName);
    }

    [Fact]
    public void Validate_EmptyScaleRange_NamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new ImageAugmentation { MinScale = 0.9, MaxScale = 0.5 }.Validate());
        Assert.Equal("crop_scale", error.ParamName);
    }

    [Fact]
    public void TrainingInput_WithInvariance_TwoViewsPerImageAndMasksForEach()
    {
        var images = FashionMnist.Load(FashionMnistSplit.Train, PixelNormalization.Standardized, maxCount: 16);
        var config = TinyRuns.Image with { InvarianceWeight = 1 };
        var (input, masks) = new ImageBatchSource(images, config).Batch(step: 0, batchSize: 4, seed: 1);
        Assert.Equal(8, input.Batch);
        Assert.Equal(8, masks.Batch);
        var plain = new ImageBatchSource(images, TinyRuns.Image).Batch(step: 0, batchSize: 4, seed: 1);
        Assert.Equal(4, plain.Input.Batch);
    }

    [Fact]
    public void Config_InvarianceForText_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => (JepaConfig.Tiny(Modality.Text) with { InvarianceWeight = 1 }).Validate());
        Assert.Equal("invariance_weight", error.ParamName);
    }
}
