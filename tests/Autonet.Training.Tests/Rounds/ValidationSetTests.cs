using Autonet.Models.Jepa;
using Autonet.Training.Rounds;

namespace Autonet.Training.Tests.Rounds;

/// <summary>Validation-set blobs decode for the model's modality, and anything else is refused with the rule.</summary>
public class ValidationSetTests
{
    private static readonly JepaConfig Text = new() { Modality = Modality.Text, MaxTokens = 4, Width = 16, Depth = 1, Heads = 2, PredictorWidth = 8, PredictorDepth = 1, PredictorHeads = 2 };

    [Fact]
    public void EncodeTextDecode_Windows_RoundTrip()
    {
        var source = ValidationSet.Decode(ValidationSet.EncodeText([[1, 2, 3, 259], [7, 7, 7, 7]]), Text);

        Assert.Equal(2, source.Count);
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
    public void Decode_NotSafetensors_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => ValidationSet.Decode([1, 2, 3], Text));

    [Fact]
    public void TryDecode_ImagesOfAnotherSize_ReasonNamesTheShape()
    {
        var images = new Autonet.Data.Images.ImageDataset(new float[14 * 14], [0], 14, 14, Autonet.Data.Images.PixelNormalization.Standardized);
        var image = new JepaConfig { Width = 16, Depth = 1, Heads = 2, PredictorWidth = 8, PredictorDepth = 1, PredictorHeads = 2 };

        Assert.False(ValidationSet.TryDecode(ValidationSet.Encode(images, [0]), image, out _, out var reason));
        Assert.Contains("shape (N, 1, 28, 28)", reason, StringComparison.Ordinal);
    }
}
