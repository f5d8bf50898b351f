using Autonet.Models.Jepa;
using Autonet.Node.Training;

namespace Autonet.Node.Tests.Training;

/// <summary>Validation-set blobs decode for the model's modality, and anything else is refused with the rule.</summary>
public class ValidationSetTests
{
    private static readonly JepaConfig Text = new() { Modality = Modality.Text, MaxTokens = 4 }; // the validation set only needs the modality and window length

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
}
