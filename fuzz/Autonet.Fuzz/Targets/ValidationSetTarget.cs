using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Training.Rounds;

namespace Autonet.Fuzz.Targets;

/// <summary>
/// ValidationSet.TryDecode for an image and a text model (the first input byte picks one): never throws, and a set
/// it accepts gives a batch of its first sample.
/// </summary>
internal sealed class ValidationSetTarget : FuzzTarget
{
    private static readonly JepaConfig Image = new() { ImageSize = 16, PatchSize = 4, Width = 16, Depth = 1, Heads = 2, PredictorWidth = 8, PredictorDepth = 1, PredictorHeads = 2 };

    private static readonly JepaConfig Text = Image with { Modality = Modality.Text, MaxTokens = 4 };

    public override string Name => "validationset";

    public override string Decoder => "ValidationSet.TryDecode";

    public override void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }
        var config = input[0] % 2 == 0 ? Image : Text;
        if (ValidationSet.TryDecode(input[1..], config, out var set, out _))
        {
            if (set.Count < 1)
            {
                throw new InvalidOperationException("accepted an empty validation set");
            }
            set.Input([0]);
        }
    }

    public override IEnumerable<byte[]> Seeds()
    {
        var pixels = Enumerable.Range(0, 2 * 256).Select(i => (i % 7) - 3f).ToArray();
        var images = new ImageDataset(pixels, [0, 1], 16, 16, PixelNormalization.Standardized);
        yield return [0, .. ValidationSet.Encode(images, [0, 1])];
        yield return [1, .. ValidationSet.EncodeText([[1, 2, 3, 259], [0, 7, 7, 7], [4, 5, 6, 7]])];
    }
}
