using Autonet.Models.Jepa;
using Autonet.Training.Rounds;

namespace Autonet.Training.Tests.Rounds;

/// <summary>Validation-set blobs decode for the model's modality, and anything else is refused with the rule.</summary>
public class ValidationSetTests
{
    private static readonly JepaConfig Image = new() { Width = 16, Depth = 1, Heads = 2, PredictorWidth = 8, PredictorDepth = 1, PredictorHeads = 2 };

    private static readonly JepaConfig Text = new() { Modality = Modality.Text, MaxTokens = 4, Width = 16, Depth = 1, Heads = 2, PredictorWidth = 8, PredictorDepth = 1, PredictorHeads = 2 };

    [Fact]
    public void EncodeTextDecode_Windows_RoundTrip()
    {
        var windows = new List<int[]> { new[] { 1, 2, 3, 259 } };
        windows.AddRange(Enumerable.Repeat(new[] { 7, 7, 7, 7 }, ValidationSet.MinCount - 1));
        var source = ValidationSet.Decode(ValidationSet.EncodeText(windows), Text);

        Assert.Equal(ValidationSet.MinCount, source.Count);
        Assert.Equal([1, 2, 3, 259, 7, 7, 7, 7], source.Input([0, 1]).Ids!); // a text source always gives ids
    }

    [Fact]
    public void Decode_TokenOutsideVocab_ThrowsNamingTokenAndPosition()
    {
        var error = Assert.Throws<FormatException>(() => ValidationSet.Decode(ValidationSet.EncodeText([[1, 2, 3, 260]]), Text));
        Assert.Equal("validation set token 260 at (0, 3) is not an id in 0..259", error.Message);
    }

    [Fact]
    public void Decode_ImageSetForTextModel_ThrowsNamingTensor()
    {
        var images = new Autonet.Data.Images.ImageDataset(new float[28 * 28], [0], 28, 28, Autonet.Data.Images.PixelNormalization.Standardized);
        var error = Assert.Throws<FormatException>(() => ValidationSet.Decode(ValidationSet.Encode(images, [0]), Text));
        Assert.Contains("needs a non-empty tensor 'tokens' of shape (N, 4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_FewerSamplesThanTheMinimum_ReasonNamesTheCount()
    {
        Assert.False(ValidationSet.TryDecode(ValidationSet.EncodeText([[1, 2, 3, 4], [5, 6, 7, 8]]), Text, out _, out var reason));
        Assert.Equal($"validation set has 2 samples; a usable set has at least {ValidationSet.MinCount}", reason);
    }

    [Fact]
    public void Decode_NotSafetensors_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => ValidationSet.Decode([1, 2, 3], Text));

    [Fact]
    public void TryDecode_NonFinitePixel_ReasonNamesValueAndIndex()
    {
        var pixels = new float[2 * 28 * 28];
        pixels[800] = float.NaN;
        var images = new Autonet.Data.Images.ImageDataset(pixels, [0, 0], 28, 28, Autonet.Data.Images.PixelNormalization.Standardized);

        Assert.False(ValidationSet.TryDecode(ValidationSet.Encode(images, [0, 1]), Image, out _, out var reason));
        Assert.Equal("validation set pixel NaN at flat index 800 is not a finite number", reason);
    }

    [Theory]
    [InlineData(8, 4, 1)] // a 2x2 grid: ImageMaskConfig.Validate threw ArgumentException from inside TryDecode
    [InlineData(28, 7, 3)] // three channels: ImageBatchSource threw ArgumentException
    public void TryDecode_ModelItsBatchSourceCannotMask_ReasonInsteadOfArgumentException(int imageSize, int patchSize, int channels)
    {
        var config = Image with { ImageSize = imageSize, PatchSize = patchSize, InChannels = channels };
        using var stream = new MemoryStream();
        Autonet.Tensors.IO.Safetensors.Write(stream, [new("images", new Autonet.Tensors.Tensor(new float[channels * imageSize * imageSize], 0, 1, channels, imageSize, imageSize))]);

        Assert.False(ValidationSet.TryDecode(stream.ToArray(), config, out _, out var reason));
        Assert.Contains($"the model has {channels} channels", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_ImagesOfAnotherSize_ReasonNamesTheShape()
    {
        var images = new Autonet.Data.Images.ImageDataset(new float[14 * 14], [0], 14, 14, Autonet.Data.Images.PixelNormalization.Standardized);
        var image = new JepaConfig { Width = 16, Depth = 1, Heads = 2, PredictorWidth = 8, PredictorDepth = 1, PredictorHeads = 2 };

        Assert.False(ValidationSet.TryDecode(ValidationSet.Encode(images, [0]), image, out _, out var reason));
        Assert.Contains("shape (N, 1, 28, 28)", reason, StringComparison.Ordinal);
    }
}
