using System.CommandLine;
using Autonet.Cli.Output;
using Autonet.Models.Jepa;

namespace Autonet.Cli.Commands;

/// <summary>Model-shape options of `train` (a new model); a checkpoint carries its own shape, which --resume checks them against.</summary>
internal static class ModelOptions
{
    public static readonly Option<string> Modality = ChoiceOption.Create<Modality>("--modality", "image (I-JEPA on Fashion-MNIST), text (text JEPA on conversation JSONL) or multimodal (VL-JEPA on --pairs)", Models.Jepa.Modality.Image);
    public static readonly Option<int?> Width = new Option<int?>("--width") { Description = "Encoder width [default: 128; the I-JEPA paper's small config is 192]" }.AtLeast(4);
    public static readonly Option<int?> Depth = new Option<int?>("--depth") { Description = "Encoder blocks [default: 4]" }.AtLeast(1);
    public static readonly Option<int?> Heads = new Option<int?>("--heads") { Description = "Encoder attention heads; must divide --width [default: 4]" }.AtLeast(1);
    public static readonly Option<int?> PredictorWidth = new Option<int?>("--predictor-width") { Description = "Predictor width [default: 64]" }.AtLeast(4);
    public static readonly Option<int?> PredictorDepth = new Option<int?>("--predictor-depth") { Description = "Predictor blocks [default: 2]" }.AtLeast(1);
    public static readonly Option<float?> EmbedInitGain = new Option<float?>("--embed-init-gain") { Description = "Patch/token embedding init std x sqrt(fan-in) [default: 1; 0.08 reproduces timm's 0.02 on 4x4 patches]" }.AtLeast(0f);
    public static readonly Option<int?> MaxTokens = new Option<int?>("--max-tokens") { Description = "Text window length in tokens [default: 128]" }.AtLeast(2);

    public static readonly Option<int?> ImageSize = new Option<int?>("--image-size") { Description = "Multimodal: side the pair images are resized to [default: 64]" }.AtLeast(8);
    public static readonly Option<int?> PatchSize = new Option<int?>("--patch-size") { Description = "Multimodal: patch side; must divide --image-size [default: 8]" }.AtLeast(1);
    public static readonly Option<float?> AlignmentWeight = new Option<float?>("--alignment-weight") { Description = "Multimodal: weight of the image<->text InfoNCE term [default: 1; 0 = regression only]" }.AtLeast(0f);

    public static readonly Option<float?> AlignmentTemperature = new Option<float?>("--alignment-temperature") { Description = "Multimodal: temperature of the InfoNCE term [default: 0.1]" }.Positive();

    public static readonly Option<int?> AlignmentQueue = new Option<int?>("--alignment-queue") { Description = "Multimodal: earlier target keys each InfoNCE direction keeps as extra negatives (MoCo's queue) [default: 0 = the batch only]" }.Between(0, JepaLimits.MaxAlignmentQueue);

    public static readonly Option<bool> LearnedTemperature = new("--learned-temperature") { Description = "Multimodal: train the InfoNCE temperature (CLIP's logit scale ln 1/tau, from --alignment-temperature, kept at tau >= 0.01) instead of fixing it" };

    public static readonly Option<float?> UniformityWeight = new Option<float?>("--uniformity-weight") { Description = "Multimodal: weight of Wang and Isola's uniformity loss on each cross-modal head's batch-centred, normalised predictions (against hubs) [default: 0 = off]" }.AtLeast(0f);

    public static readonly Option<float> VarianceWeight = new Option<float>("--variance-weight") { Description = "VICReg variance term on pooled context features (0 = pure I-JEPA, which collapsed here)", DefaultValueFactory = _ => 1f }.AtLeast(0f);
    public static readonly Option<float> CovarianceWeight = new Option<float>("--covariance-weight") { Description = "VICReg covariance term on pooled context features (0 = pure I-JEPA)", DefaultValueFactory = _ => 0.04f }.AtLeast(0f);

    public static readonly Option<float> InvarianceWeight = new Option<float>("--invariance-weight") { Description = "VICReg invariance term between the pooled context features of two augmented views (crop + flip) of each image; 0 = one plain view (pure I-JEPA data)", DefaultValueFactory = _ => 0f }.AtLeast(0f);

    public static readonly Option<float> SigRegWeight = new Option<float>("--sigreg-weight") { Description = "SIGReg (LeJEPA) on pooled context features: Epps-Pulley tests of 2 x width random projections against a standard Gaussian; 0 = off", DefaultValueFactory = _ => 0f }.AtLeast(0f);

    public static readonly Option<float?> NextTurnFraction = new Option<float?>("--next-turn-fraction") { Description = "Text: share of steps trained on the served K-vector query (windows ending K tokens into a reply: the last K positions are the targets, the rest the context) instead of span masks [default: 0 = span masks only]" }.Within(0, 1);

    public static readonly Option<int?> StemChannels = new Option<int?>("--stem-channels") { Description = "Image: channels of a convolutional stem (3x3 conv + ReLU layers) before patchify; 0 = the plain ViT patch embedding (pure I-JEPA) [default: 0]" }.AtLeast(0);
    public static readonly Option<int?> StemLayers = new Option<int?>("--stem-layers") { Description = "Image: 3x3 conv + ReLU layers of the stem [default: 2 when --stem-channels > 0, else 0]" }.AtLeast(0);

    public static IEnumerable<Option> All => [Modality, Width, Depth, Heads, PredictorWidth, PredictorDepth, EmbedInitGain, MaxTokens, ImageSize, PatchSize, AlignmentWeight, AlignmentTemperature, AlignmentQueue, LearnedTemperature, UniformityWeight, VarianceWeight, CovarianceWeight, InvarianceWeight, SigRegWeight, NextTurnFraction, StemChannels, StemLayers];

    public static JepaConfig Build(ParseResult result)
    {
        var c = new JepaConfig { Modality = ChoiceOption.Get<Modality>(result, Modality) };
        var multimodal = c.Modality == Models.Jepa.Modality.Multimodal;
        object?[] multimodalOnly = [result.GetValue(ImageSize), result.GetValue(PatchSize), result.GetValue(AlignmentWeight), result.GetValue(AlignmentTemperature), result.GetValue(AlignmentQueue), result.GetValue(UniformityWeight), result.GetValue(LearnedTemperature) ? true : null];
        if (!multimodal && multimodalOnly.Any(v => v is not null))
        {
            throw new UsageException($"--image-size, --patch-size, --uniformity-weight, --learned-temperature and the --alignment-* options are for --modality multimodal (Fashion-MNIST is 28x28 in 4x4 patches); --modality is {Devnet.KebabNames.Of(c.Modality)}");
        }
        if (c.Modality != Models.Jepa.Modality.Text && result.GetValue(NextTurnFraction) is > 0)
        {
            throw new UsageException($"--next-turn-fraction trains the served K-vector query of a text JEPA; --modality is {Devnet.KebabNames.Of(c.Modality)}");
        }
        var stemChannels = result.GetValue(StemChannels) ?? c.StemChannels;
        return c with
        {
            StemChannels = stemChannels,
            StemLayers = result.GetValue(StemLayers) ?? (stemChannels > 0 ? 2 : 0),
            ImageSize = result.GetValue(ImageSize) ?? (multimodal ? 64 : c.ImageSize),
            PatchSize = result.GetValue(PatchSize) ?? (multimodal ? 8 : c.PatchSize),
            AlignmentWeight = result.GetValue(AlignmentWeight) ?? (multimodal ? 1f : 0f),
            AlignmentTemperature = result.GetValue(AlignmentTemperature) ?? 0f,
            AlignmentQueue = result.GetValue(AlignmentQueue) ?? 0,
            UniformityWeight = result.GetValue(UniformityWeight) ?? 0f,
            LearnedTemperature = result.GetValue(LearnedTemperature),
            Width = result.GetValue(Width) ?? c.Width,
            Depth = result.GetValue(Depth) ?? c.Depth,
            Heads = result.GetValue(Heads) ?? c.Heads,
            PredictorWidth = result.GetValue(PredictorWidth) ?? c.PredictorWidth,
            PredictorDepth = result.GetValue(PredictorDepth) ?? c.PredictorDepth,
            EmbedInitGain = result.GetValue(EmbedInitGain) ?? c.EmbedInitGain,
            MaxTokens = result.GetValue(MaxTokens) ?? c.MaxTokens,
            VarianceWeight = result.GetValue(VarianceWeight),
            CovarianceWeight = result.GetValue(CovarianceWeight),
            InvarianceWeight = result.GetValue(InvarianceWeight),
            SigRegWeight = result.GetValue(SigRegWeight),
            NextTurnFraction = result.GetValue(NextTurnFraction) ?? 0f,
        };
    }

    /// <summary>
    /// The options given on the command line (not defaults) whose value differs from <paramref name="saved"/>, the
    /// config of the checkpoint being resumed, as "--width 64 (the checkpoint has 128)".
    /// </summary>
    public static IEnumerable<string> Contradicting(ParseResult result, JepaConfig saved)
    {
        var given = Build(result);
        (Option Option, object Given, object Saved)[] pairs =
        [
            (Modality, Devnet.KebabNames.Of(given.Modality), Devnet.KebabNames.Of(saved.Modality)),
            (Width, given.Width, saved.Width), (Depth, given.Depth, saved.Depth), (Heads, given.Heads, saved.Heads),
            (PredictorWidth, given.PredictorWidth, saved.PredictorWidth), (PredictorDepth, given.PredictorDepth, saved.PredictorDepth),
            (EmbedInitGain, given.EmbedInitGain, saved.EmbedInitGain), (MaxTokens, given.MaxTokens, saved.MaxTokens),
            (ImageSize, given.ImageSize, saved.ImageSize), (PatchSize, given.PatchSize, saved.PatchSize), (AlignmentWeight, given.AlignmentWeight, saved.AlignmentWeight),
            (AlignmentTemperature, given.AlignmentTemperature, saved.AlignmentTemperature), (AlignmentQueue, given.AlignmentQueue, saved.AlignmentQueue),
            (UniformityWeight, given.UniformityWeight, saved.UniformityWeight), (LearnedTemperature, given.LearnedTemperature, saved.LearnedTemperature),
            (VarianceWeight, given.VarianceWeight, saved.VarianceWeight), (CovarianceWeight, given.CovarianceWeight, saved.CovarianceWeight),
            (InvarianceWeight, given.InvarianceWeight, saved.InvarianceWeight), (SigRegWeight, given.SigRegWeight, saved.SigRegWeight), (NextTurnFraction, given.NextTurnFraction, saved.NextTurnFraction),
            (StemChannels, given.StemChannels, saved.StemChannels), (StemLayers, given.StemLayers, saved.StemLayers),
        ];
        return pairs.Where(p => result.GetResult(p.Option) is { Implicit: false } && !p.Given.Equals(p.Saved))
            .Select(p => FormattableString.Invariant($"{p.Option.Name} {p.Given} (the checkpoint has {p.Saved})"));
    }
}
