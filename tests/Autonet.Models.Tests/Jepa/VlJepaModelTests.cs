using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Tensors.Memory;

namespace Autonet.Models.Tests.Jepa;

public class VlJepaModelTests
{
    // 8x8 images in 4x4 patches (P = 4) and 8 text positions: joint positions 0..3 patches, 4..11 text.
    private static readonly JepaConfig Config = new()
    {
        Modality = Modality.Multimodal,
        ImageSize = 8,
        PatchSize = 4,
        MaxTokens = 8,
        Width = 8,
        Depth = 1,
        Heads = 2,
        PredictorWidth = 8,
        PredictorDepth = 1,
        PredictorHeads = 2,
        MlpRatio = 2,
        VarianceWeight = 1,
        CovarianceWeight = 0.04f,
        AlignmentWeight = 0.5f,
    };

    [Fact]
    public void ForwardBackward_MixedBatch_MatchesFiniteDifferences()
    {
        var model = new JepaModel(Config, seed: 3);
        var (input, masks) = Batch([true, true, false, true], [true, false, true, true]);
        model.ForwardBackward(input, masks, new ActivationArena());
        var grads = new[] { model.Encoder.Grads.ToArray(), model.Predictor.Grads.ToArray() }; // before the probes below add to them
        foreach (var (arena, analytic) in new[] { model.Encoder, model.Predictor }.Zip(grads))
        {
            var random = new Random(5);
            foreach (var i in arena.Parameters.Select(p => p.Offset + random.Next(p.Length))) // one element of every tensor: fusion, heads, no_image, ...
            {
                var saved = arena.Values[i];
                arena.Values[i] = saved + 1e-2f;
                double up = model.ForwardBackward(input, masks, new ActivationArena());
                arena.Values[i] = saved - 1e-2f;
                double down = model.ForwardBackward(input, masks, new ActivationArena());
                arena.Values[i] = saved;
                var numeric = (up - down) / 2e-2;
                Assert.True(Math.Abs(numeric - analytic[i]) <= 3e-3 + (3e-2 * Math.Abs(numeric)), $"{Name(arena, i)}: numeric {numeric}, analytic {analytic[i]}");
            }
        }
    }

    [Fact]
    public void ForwardBackward_TextOnlyBatch_TrainsNoImageEmbeddingNotTheImageEncoder()
    {
        var model = new JepaModel(Config, seed: 1);
        var (input, masks) = Batch([false, false, false], [true, true, true]);
        model.ForwardBackward(input, masks, new ActivationArena());
        var encoder = model.Encoder;
        Assert.All(encoder.Parameters.Where(p => p.Name.StartsWith("encoder.image.", StringComparison.Ordinal)), p => Assert.All(p.Grad.ToArray(), g => Assert.Equal(0f, g)));
        Assert.Contains(encoder["encoder.no_image"].Grad.ToArray(), g => g != 0);
        Assert.All(encoder["encoder.no_text"].Grad.ToArray(), g => Assert.Equal(0f, g));
        Assert.Contains(encoder["encoder.text.tok_embed.weight"].Grad.ToArray(), g => g != 0);
        Assert.Null(model.LastLosses!.Image);
        Assert.NotNull(model.LastLosses.Text);
        Assert.Null(model.LastLosses.CrossModal);
    }

    [Fact]
    public void Predict_MixedBatch_KeepsOnlyRowsOfModalitiesPresent()
    {
        var model = new JepaModel(Config, seed: 1);
        var (input, masks) = Batch([true, false, true], [false, true, true]);
        var (pred, target) = model.Predict(input, masks, new ActivationArena());
        // 2 image targets for samples 0 and 2, 2 text targets for samples 1 and 2, one row each way for sample 2
        Assert.Equal([1, 4 + 4 + 2, Config.Width], pred.Shape);
        Assert.Equal(pred.Shape, target.Shape);
        Assert.All(pred.ToArray().Concat(target.ToArray()), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void CrossModalEmbeddings_ImageQuery_DoesNotReadTheText()
    {
        var model = new JepaModel(Config, seed: 2);
        var (input, _) = Batch([true, true], [true, true]);
        var first = model.CrossModalEmbeddings(input, new ActivationArena()).ImageQuery.ToArray();
        var otherText = input with { Ids = [.. input.Ids!.Select(id => (id * 7 % 250) + 4)] };
        var (imageQuery, textKey, _, _) = model.CrossModalEmbeddings(otherText, new ActivationArena());
        Assert.Equal(first, imageQuery.ToArray());
        Assert.Equal([2, Config.Width], textKey.Shape);
    }

    [Fact]
    public void FromPairs_SampleWithNeitherModality_ThrowsNamingHasText()
    {
        var error = Assert.Throws<ArgumentException>(() => JepaInput.FromPairs(Tensor.Zeros(2, 1, 8, 8), new int[16], [true, false], [true, false]));
        Assert.Equal("hasText", error.ParamName);
        Assert.Contains("sample 1 has neither", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_KeepWithoutTextPositions_ThrowsNamingKeep()
    {
        var model = new JepaModel(Config, seed: 1);
        var (input, _) = Batch([true], [true]);
        var error = Assert.Throws<ArgumentException>(() => model.ContextEncoder.Forward(input, [0, 1, 2], new ActivationArena()));
        Assert.Equal("keep", error.ParamName);
        Assert.Contains("at least one of each", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_Multimodal_RoundTripsAsVlJepa()
    {
        var manifest = ModelManifest.For(Config);
        Assert.Equal("vl-jepa", manifest.Architecture);
        Assert.Equal(Config, ModelManifest.Parse(manifest.ToJson()).Config);
        Assert.Equal(4 + 8, Config.Tokens);
    }

    [Fact]
    public void Validate_AlignmentWeightOnTextModel_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new JepaConfig { Modality = Modality.Text, AlignmentWeight = 1 }.Validate());
        Assert.Equal("alignment_weight", error.ParamName);
    }

    // Random pixels and ids; context: patches 0, 1 and text 0..4; targets: patches 2, 3 and text 5, 6.
    private static (JepaInput Input, JepaMasks Masks) Batch(bool[] visual, bool[] text)
    {
        var b = visual.Length;
        var random = new Random(9);
        var images = Tensor.Zeros(b, 1, 8, 8);
        for (var i = 0; i < images.Length; i++)
        {
            images.Span[i] = (float)(random.NextDouble() * 2 - 1);
        }
        var ids = Enumerable.Range(0, b * 8).Select(_ => random.Next(4, 260)).ToArray();
        var input = JepaInput.FromPairs(images, ids, visual, text);
        int[] context = [0, 1, 4, 5, 6, 7, 8], targets = [2, 3, 9, 10];
        return (input, new JepaMasks([.. Enumerable.Repeat(context, b).SelectMany(x => x)], [.. Enumerable.Repeat(targets, b).SelectMany(x => x)], b));
    }

    private static string Name(ParameterArena arena, int index) =>
        arena.Parameters.First(p => index >= p.Offset && index < p.Offset + p.Length).Name + $"[{index}]";
}
