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

    /// <summary>
    /// Weight of a VICReg invariance term (Bardes et al. 2022, eq. 5: mean squared distance) between the pooled context
    /// features of two augmented views of each image (0 = one plain view, pure I-JEPA data). With it the training
    /// batch holds 2B views (first views, then second views) and the JEPA loss is computed on both.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public float InvarianceWeight { get; init; }

    /// <summary>
    /// Weight of SIGReg (LeJEPA: an Epps-Pulley test of 2 x width random 1-D projections against a standard Gaussian)
    /// on pooled context features; an alternative to the VICReg variance/covariance terms (0 = off).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public float SigRegWeight { get; init; }

    /// <summary>
    /// Multimodal only: weight of the bidirectional InfoNCE term between each modality's predicted pooled embedding and
    /// the other modality's pooled target embedding (VL-JEPA, Chen et al. 2025, §3: InfoNCE in the embedding space as
    /// alignment plus uniformity, which is what keeps it from collapsing); 0 = only the smooth-L1 regression of it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public float AlignmentWeight { get; init; }

    /// <summary>Multimodal only: temperature of the InfoNCE term (CLIP's learned value starts at 0.07; we fix 0.1).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public float AlignmentTemperature { get; init; }

    /// <summary>
    /// Multimodal only: how many earlier target keys each InfoNCE direction keeps as extra negatives (MoCo's queue,
    /// <see cref="KeyQueue"/>); 0 = the batch's own pairs only.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int AlignmentQueue { get; init; }

    /// <summary>
    /// Multimodal only: the InfoNCE temperature is a trained parameter (CLIP's logit scale, ln 1/tau, the predictor's
    /// "alignment.logit_scale", starting at <see cref="EffectiveTemperature"/> and kept at tau >= 0.01 as CLIP does);
    /// false = fixed (every checkpoint written before this option).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool LearnedTemperature { get; init; }

    /// <summary>The lowest learned temperature: CLIP clamps its logit scale at 100.</summary>
    public const float MinLearnedTemperature = 0.01f;

    /// <summary>
    /// Multimodal only: weight of Wang and Isola's uniformity loss (<see cref="Uniformity"/>) on each cross-modal head's
    /// batch-centred, normalised predictions, beside the InfoNCE term (issue 18: hubness); 0 = off (every checkpoint
    /// written before this option).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public float UniformityWeight { get; init; }

    /// <summary>
    /// Image only: channels of a convolutional stem (layers of 3x3 conv + ReLU at full resolution) before patchify, so
    /// each patch token is a projection of StemChannels x P x P learned local features instead of raw pixels (Xiao et
    /// al. 2021); 0 with <see cref="StemLayers"/> 0 = the plain ViT patch embedding (pure I-JEPA).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int StemChannels { get; init; }

    /// <summary>Image only: 3x3 conv + ReLU layers of the stem (0 = none; see <see cref="StemChannels"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int StemLayers { get; init; }

    /// <summary>Channels the patch embedding reads: the stem's when there is one, else the image's.</summary>
    [JsonIgnore]
    public int PatchChannels => StemLayers > 0 ? StemChannels : InChannels;

    /// <summary>
    /// Text only: share of training steps whose batch is the served K-vector query (issue 16): windows that end K
    /// tokens into an assistant reply, the last K positions the targets and the T - K before them the only context
    /// (<see cref="Masking.NextTurnMasker"/>), exactly what a provider's KVectorEncoder asks the predictor. The other
    /// steps use I-JEPA span masks. 0 = span masks only (pure I-JEPA; every checkpoint written before this option).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public float NextTurnFraction { get; init; }

    /// <summary>K and D of the K-vectors a provider serves (null: <see cref="KVectorShape.Of"/>'s default rule).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public KVectorShape? KVectors { get; init; }

    [JsonIgnore]
    public int GridSize => ImageSize / PatchSize;

    /// <summary>Image patch positions: the first positions of a multimodal model's joint sequence (0 for text).</summary>
    [JsonIgnore]
    public int ImageTokens => Modality == Modality.Text ? 0 : GridSize * GridSize;

    /// <summary>Tokens per input: patches for images, MaxTokens for text, patches then text positions for multimodal.</summary>
    [JsonIgnore]
    public int Tokens => Modality switch { Modality.Image => GridSize * GridSize, Modality.Text => MaxTokens, _ => (GridSize * GridSize) + MaxTokens };

    /// <summary>The InfoNCE temperature in use (<see cref="AlignmentTemperature"/>, or 0.1 when unset).</summary>
    [JsonIgnore]
    public float EffectiveTemperature => AlignmentTemperature > 0 ? AlignmentTemperature : 0.1f;

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

    /// <summary>
    /// An upper bound on the floats of encoder + EMA target + predictor, from the dimensions alone (computed in
    /// double, so huge dimensions cannot wrap): blocks of (4 + 2·mlp_ratio)·width² plus embeddings and positions.
    /// </summary>
    [JsonIgnore]
    public double EstimatedParameters
    {
        get
        {
            double w = Width, wp = PredictorWidth, block = 4 + (2 * (double)MlpRatio);
            var patches = Math.Pow((double)ImageSize / Math.Max(PatchSize, 1), 2);
            var (image, text) = (Modality != Modality.Text, Modality != Modality.Image);
            var tokens = (image ? patches : 0) + (text ? MaxTokens : 0);
            var stem = StemLayers > 0 ? (9.0 * StemChannels * (InChannels + ((StemLayers - 1) * (double)StemChannels))) + (StemLayers * (double)StemChannels) : 0;
            var embed = (image ? ((double)PatchSize * PatchSize * PatchChannels * w) + stem : 0) + (text ? (double)Vocab * w : 0);
            var trunks = image && text ? 2 : 1;
            var fusion = image && text ? (8 * w * w) + (12 * w) : 0; // two cross-attentions (q, kv, proj) + four norms
            var encoder = (trunks * Depth * ((block * w * w) + (8 * w))) + embed + (tokens * w) + (2 * w) + fusion;
            var heads = image && text ? 2 * ((2 * (double)MlpRatio * w * w) + ((1 + (double)MlpRatio) * w)) : 0; // two cross-modal MLPs
            var predictor = (PredictorDepth * ((block * wp * wp) + (8 * wp))) + (2 * w * wp) + (tokens * wp) + (4 * wp) + heads;
            return (2 * encoder) + predictor;
        }
    }

    /// <exception cref="ArgumentException">A dimension does not divide as the model needs, or passes a limit in <see cref="JepaLimits"/>.</exception>
    public void Validate()
    {
        ValidateLimits();
        if (Modality != Modality.Text && (ImageSize <= 0 || PatchSize <= 0 || ImageSize % PatchSize != 0 || InChannels <= 0))
        {
            Errors.Option("image_size", ImageSize, $"must be a positive multiple of patch_size {PatchSize} (channels {InChannels} > 0)");
        }
        if (Modality != Modality.Image && (Vocab <= 0 || MaxTokens <= 0))
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
        if (!(SigRegWeight >= 0) || !float.IsFinite(SigRegWeight))
        {
            Errors.Option("sigreg_weight", SigRegWeight, "must be finite and >= 0");
        }
        if (!(InvarianceWeight >= 0) || !float.IsFinite(InvarianceWeight) || (InvarianceWeight > 0 && Modality != Modality.Image))
        {
            Errors.Option("invariance_weight", InvarianceWeight, "must be finite and >= 0, and 0 for text (views are image crops)");
        }
        if (!(AlignmentWeight >= 0) || !float.IsFinite(AlignmentWeight) || !(AlignmentTemperature >= 0) || !float.IsFinite(AlignmentTemperature)
            || ((AlignmentWeight > 0 || AlignmentTemperature > 0) && Modality != Modality.Multimodal))
        {
            Errors.Option("alignment_weight", AlignmentWeight, $"and alignment_temperature {AlignmentTemperature} must be finite and >= 0, and 0 unless the model is multimodal");
        }
        if (AlignmentQueue < 0 || AlignmentQueue > JepaLimits.MaxAlignmentQueue || (AlignmentQueue > 0 && Modality != Modality.Multimodal))
        {
            Errors.Option("alignment_queue", AlignmentQueue, $"must be in 0..{JepaLimits.MaxAlignmentQueue} (JepaLimits), and 0 unless the model is multimodal");
        }
        if (LearnedTemperature && (Modality != Modality.Multimodal || !(AlignmentWeight > 0)))
        {
            Errors.Option("learned_temperature", LearnedTemperature, $"needs a multimodal model with an InfoNCE term (alignment_weight {AlignmentWeight} > 0)");
        }
        if (!(UniformityWeight >= 0) || !float.IsFinite(UniformityWeight) || (UniformityWeight > 0 && Modality != Modality.Multimodal))
        {
            Errors.Option("uniformity_weight", UniformityWeight, "must be finite and >= 0, and 0 unless the model is multimodal (it spreads the cross-modal heads' predictions)");
        }
        if (!(MlpRatio > 0) || !(EmbedInitGain > 0) || !float.IsFinite(EmbedInitGain))
        {
            Errors.Option("embed_init_gain", EmbedInitGain, $"and mlp_ratio {MlpRatio} must be positive and finite");
        }
        if (StemChannels < 0 || StemLayers < 0 || (StemChannels > 0) != (StemLayers > 0) || (StemLayers > 0 && Modality != Modality.Image))
        {
            Errors.Option("stem_channels", StemChannels, $"and stem_layers {StemLayers} must both be 0 (no stem) or both positive, and a stem is for image models only");
        }
        if (!(NextTurnFraction is >= 0 and <= 1) || (NextTurnFraction > 0 && Modality != Modality.Text))
        {
            Errors.Option("next_turn_fraction", NextTurnFraction, "must be in [0, 1], and 0 unless the model is a text JEPA (the share of steps trained on the served K-vector query)");
        }
        KVectors?.Validate(this);
    }

    // Before the divisibility rules, so that no later check multiplies unbounded numbers.
    private void ValidateLimits()
    {
        CheckLimit("image_size", ImageSize, JepaLimits.MaxImageSize);
        CheckLimit("in_channels", InChannels, JepaLimits.MaxInChannels);
        CheckLimit("stem_channels", StemChannels, JepaLimits.MaxStemChannels);
        CheckLimit("stem_layers", StemLayers, JepaLimits.MaxStemLayers);
        CheckLimit("vocab", Vocab, JepaLimits.MaxVocab);
        CheckLimit("max_tokens", MaxTokens, JepaLimits.MaxTokens);
        CheckLimit("width", Width, JepaLimits.MaxWidth);
        CheckLimit("predictor_width", PredictorWidth, JepaLimits.MaxWidth);
        CheckLimit("depth", Depth, JepaLimits.MaxDepth);
        CheckLimit("predictor_depth", PredictorDepth, JepaLimits.MaxDepth);
        CheckLimit("heads", Heads, JepaLimits.MaxHeads);
        CheckLimit("predictor_heads", PredictorHeads, JepaLimits.MaxHeads);
        if (!(MlpRatio <= JepaLimits.MaxMlpRatio))
        {
            Errors.Option("mlp_ratio", MlpRatio, $"must be at most {JepaLimits.MaxMlpRatio} (JepaLimits)");
        }
        if (Modality != Modality.Text && PatchSize > 0 && (double)ImageSize / PatchSize * ((double)ImageSize / PatchSize) > JepaLimits.MaxTokens)
        {
            Errors.Option("patch_size", PatchSize, $"gives {Tokens} patches of a {ImageSize}-pixel image, more than {JepaLimits.MaxTokens} tokens (JepaLimits)");
        }
        if (EstimatedParameters > JepaLimits.MaxParameters)
        {
            Errors.Option("width", Width, $"with depth {Depth}, predictor {PredictorWidth}x{PredictorDepth} and image {ImageSize}/{PatchSize} or {MaxTokens} tokens needs about {EstimatedParameters:0.##e0} floats, more than {JepaLimits.MaxParameters} (JepaLimits)");
        }
    }

    private static void CheckLimit(string name, int value, int max)
    {
        if (value > max)
        {
            Errors.Option(name, value, $"must be at most {max} (JepaLimits)");
        }
    }
}
