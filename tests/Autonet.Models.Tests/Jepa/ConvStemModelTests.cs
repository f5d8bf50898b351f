using Autonet.Core.Randomness;
using Autonet.Models.Jepa;
using Autonet.Models.Masking;
using Autonet.Tensors;
using Autonet.Tensors.Memory;

namespace Autonet.Models.Tests.Jepa;

public class ConvStemModelTests
{
    // 8x8 images in 4x4 patches (a 2x2 grid) over a 2-layer, 3-channel stem.
    private static readonly JepaConfig Config = JepaConfig.Tiny(Modality.Image) with { ImageSize = 8, Width = 8, PredictorWidth = 8, StemChannels = 3, StemLayers = 2, VarianceWeight = 1 };

    [Fact]
    public void ForwardBackward_StemWeights_MatchFiniteDifferences()
    {
        var model = new JepaModel(Config, seed: 2);
        var images = Tensor.Zeros(3, 1, 8, 8);
        var random = new Random(4);
        for (var i = 0; i < images.Length; i++)
        {
            images.Span[i] = (float)((random.NextDouble() * 2) - 1);
        }
        var input = JepaInput.FromImages(images);
        var masks = JepaMasks.FromSets([.. Enumerable.Range(0, 3).Select(_ => new MaskSet([0, 1, 2], [[3]]))], new SeededRandom(1));
        model.ForwardBackward(input, masks, new ActivationArena());
        var analytic = model.Encoder.Grads.ToArray();
        var stem = model.Encoder.Parameters.Where(p => p.Name.StartsWith("encoder.stem.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["encoder.stem.0.weight", "encoder.stem.0.bias", "encoder.stem.1.weight", "encoder.stem.1.bias"], stem.Select(p => p.Name));
        Assert.Equal(3 * 16, model.Encoder["encoder.patch_embed.proj.weight"].Shape[1]); // the patch embedding reads 3 stem channels x 4 x 4
        foreach (var i in stem.SelectMany(p => new[] { p.Offset, p.Offset + (p.Length / 2) }))
        {
            var saved = model.Encoder.Values[i];
            model.Encoder.Values[i] = saved + 1e-3f;
            double up = model.ForwardBackward(input, masks, new ActivationArena());
            model.Encoder.Values[i] = saved - 1e-3f;
            double down = model.ForwardBackward(input, masks, new ActivationArena());
            model.Encoder.Values[i] = saved;
            var numeric = (up - down) / 2e-3;
            Assert.True(Math.Abs(numeric - analytic[i]) <= 3e-3 + (5e-2 * Math.Abs(numeric)), $"parameter {i}: numeric {numeric}, analytic {analytic[i]}");
        }
        Assert.Contains(stem.SelectMany(p => analytic.AsSpan(p.Offset, p.Length).ToArray()), g => g != 0);
    }

    [Theory]
    [InlineData(16, 0, Modality.Image)]
    [InlineData(0, 2, Modality.Image)]
    [InlineData(16, 2, Modality.Text)]
    public void Validate_StemHalfGivenOrNotImage_NamesStemChannels(int channels, int layers, Modality modality)
    {
        var config = JepaConfig.Tiny(modality) with { StemChannels = channels, StemLayers = layers };
        var e = Assert.Throws<ArgumentException>(config.Validate);
        Assert.Contains("'stem_channels'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_WithoutStem_WritesNoStemFields()
    {
        Assert.DoesNotContain("stem", ModelManifest.For(new JepaConfig()).ToJson(), StringComparison.Ordinal);
        var parsed = ModelManifest.Parse(ModelManifest.For(Config).ToJson());
        Assert.Equal((3, 2), (parsed.Config.StemChannels, parsed.Config.StemLayers));
    }
}
