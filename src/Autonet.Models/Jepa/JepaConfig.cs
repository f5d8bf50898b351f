// Shape and anti-collapse options of one JEPA model (I-JEPA, Assran et al. 2023, §3; text JEPA, seed 001
// story 1.1). One record serves both modalities; fields of the other modality are ignored. It is written into
// every checkpoint's manifest so any node rebuilds the exact architecture before loading the weights.
using System.Text.Json.Serialization;

namespace Autonet.Models.Jepa;

/// <summary>Architecture of a JEPA model: context/target encoder, narrower predictor, patch or token input.</summary>
public sealed record JepaConfig
{
    public Modality Modality { get; init; } = Modality.Image;

    /// <summary>Image side in pixels (images are square).</summary>
    public int ImageSize { get; init; } = 28;

    public int PatchSize { get; init; } = 4;

    public int InChannels { get; init; } = 1;

    /// <summary>Text vocabulary (the byte tokenizer's 4 specials + 256 bytes).</summary>
    public int Vocab { get; init; } = 260;

    /// <summary>Longest text sequence (tokens); the 1D position tables have this many rows.</summary>
    public int MaxTokens { get; init; } = 128;

    public int Width { get; init; } = 128;

    public int Depth { get; init; } = 4;

    public int Heads { get; init; } = 4;

    public int PredictorWidth { get; init; } = 64;

    public int PredictorDepth { get; init; } = 2;

    public int PredictorHeads { get; init; } = 4;

    public float MlpRatio { get; init; } = 4;

    /// <summary>
    /// Std of the patch (or token) embedding init as a multiple of 1/sqrt(fan-in). With timm's 0.02 on 4x4x1 patches a
    /// token's content is ~9x smaller than its sin-cos position and predicting positions alone satisfies the loss
    /// (issue 7's collapse); gain 1 (LeCun-normal, std 0.25 for 16 inputs) puts content on par with position.
    /// </summary>
    public float EmbedInitGain { get; init; } = 1f;

    /// <summary>Weight of the VICReg variance term on pooled context features (0 = pure I-JEPA).</summary>
    public float VarianceWeight { get; init; }

    /// <summary>Weight of the VICReg covariance term on pooled context features (0 = pure I-JEPA).</summary>
    public float CovarianceWeight { get; init; }

    [JsonIgnore]
    public int GridSize => ImageSize / PatchSize;

    /// <summary>Tokens per input: patches for images, MaxTokens for text.</summary>
    [JsonIgnore]
    public int Tokens => Modality == Modality.Image ? GridSize * GridSize : MaxTokens;

    /// <summary>A tiny config for tests: milliseconds per step on one core.</summary>
    public static JepaConfig Tiny(Modality modality) => new()
    {
        Modality = modality,
        MaxTokens = 32,
        Width = 32,
        Depth = 1,
        Heads = 2,
        PredictorWidth = 16,
        PredictorDepth = 1,
        PredictorHeads = 2,
    };

    /// <exception cref="ArgumentException">A dimension does not divide as the model needs.</exception>
    public void Validate()
    {
        if (Modality == Modality.Image && (ImageSize <= 0 || PatchSize <= 0 || ImageSize % PatchSize != 0 || InChannels <= 0))
        {
            Errors.Option("image_size", ImageSize, $"must be a positive multiple of patch_size {PatchSize} (channels {InChannels} > 0)");
        }
        if (Modality == Modality.Text && (Vocab <= 0 || MaxTokens <= 0))
        {
            Errors.Option("max_tokens", MaxTokens, $"vocab {Vocab} and max_tokens must be positive");
        }
        if (Width <= 0 || Width % 4 != 0 || Heads <= 0 || Width % Heads != 0)
        {
            Errors.Option("width", Width, $"must be positive, divisible by 4 (2D positions) and by heads {Heads}");
        }
        if (PredictorWidth <= 0 || PredictorWidth % 4 != 0 || PredictorHeads <= 0 || PredictorWidth % PredictorHeads != 0)
        {
            Errors.Option("predictor_width", PredictorWidth, $"must be positive, divisible by 4 and by predictor heads {PredictorHeads}");
        }
        if (Depth < 1 || PredictorDepth < 1)
        {
            Errors.Option("depth", $"{Depth}/{PredictorDepth}", "encoder and predictor depth must be at least 1");
        }
        if (VarianceWeight < 0 || CovarianceWeight < 0 || !float.IsFinite(VarianceWeight + CovarianceWeight))
        {
            Errors.Option("variance_weight", VarianceWeight, $"and covariance_weight {CovarianceWeight} must be finite and >= 0");
        }
        if (!(MlpRatio > 0) || !(EmbedInitGain > 0) || !float.IsFinite(EmbedInitGain))
        {
            Errors.Option("embed_init_gain", EmbedInitGain, $"and mlp_ratio {MlpRatio} must be positive and finite");
        }
    }
}
