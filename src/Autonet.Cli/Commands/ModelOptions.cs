using System.CommandLine;
using Autonet.Models.Jepa;

namespace Autonet.Cli.Commands;

/// <summary>Model-shape options shared by `train` (a new model) and nothing else: a checkpoint carries its own shape.</summary>
internal static class ModelOptions
{
    public static readonly Option<Modality> Modality = new("--modality") { Description = "image (I-JEPA on Fashion-MNIST) or text (text JEPA on conversation JSONL)", DefaultValueFactory = _ => Models.Jepa.Modality.Image };
    public static readonly Option<int?> Width = new("--width") { Description = "Encoder width [default: 128; issue 7's reference config is 192]" };
    public static readonly Option<int?> Depth = new("--depth") { Description = "Encoder blocks [default: 4]" };
    public static readonly Option<int?> Heads = new("--heads") { Description = "Encoder heads [default: 4]" };
    public static readonly Option<int?> PredictorWidth = new("--predictor-width") { Description = "Predictor width [default: 64]" };
    public static readonly Option<int?> PredictorDepth = new("--predictor-depth") { Description = "Predictor blocks [default: 2]" };
    public static readonly Option<float?> EmbedInitGain = new("--embed-init-gain") { Description = "Patch/token embedding init std x sqrt(fan-in) [default: 1; 0.08 reproduces timm's 0.02 on 4x4 patches]" };
    public static readonly Option<int?> MaxTokens = new("--max-tokens") { Description = "Text window length in tokens [default: 128]" };

    public static readonly Option<float> VarianceWeight = new("--variance-weight") { Description = "VICReg variance term on pooled context features (0 = pure I-JEPA, which collapsed here)", DefaultValueFactory = _ => 1f };
    public static readonly Option<float> CovarianceWeight = new("--covariance-weight") { Description = "VICReg covariance term on pooled context features (0 = pure I-JEPA)", DefaultValueFactory = _ => 0.04f };

    public static IEnumerable<Option> All => [Modality, Width, Depth, Heads, PredictorWidth, PredictorDepth, EmbedInitGain, MaxTokens, VarianceWeight, CovarianceWeight];

    public static JepaConfig Build(ParseResult result)
    {
        var c = new JepaConfig { Modality = result.GetValue(Modality) };
        return c with
        {
            Width = result.GetValue(Width) ?? c.Width,
            Depth = result.GetValue(Depth) ?? c.Depth,
            Heads = result.GetValue(Heads) ?? c.Heads,
            PredictorWidth = result.GetValue(PredictorWidth) ?? c.PredictorWidth,
            PredictorDepth = result.GetValue(PredictorDepth) ?? c.PredictorDepth,
            EmbedInitGain = result.GetValue(EmbedInitGain) ?? c.EmbedInitGain,
            MaxTokens = result.GetValue(MaxTokens) ?? c.MaxTokens,
            VarianceWeight = result.GetValue(VarianceWeight),
            CovarianceWeight = result.GetValue(CovarianceWeight),
        };
    }
}
