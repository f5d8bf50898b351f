// The shape of a model's K-vectors (seed 001, "SemanticPredictor — produces K-vectors"): the predictor's outputs at
// the K positions that follow a context, each of width D (the encoder width, since the predictor projects back to it).
// A manifest may name K and D (config "k_vectors"); without them the rule below picks the smallest K whose float32
// K-vectors reach 8 KB, the low end of the seed's "~8-32 KB per turn", capped at half the window. A VL-JEPA's
// K-vectors follow its text, so its window is the text's max_tokens, not patches + text.
using System.Text.Json.Serialization;

namespace Autonet.Models.Jepa;

/// <summary>K vectors of width D: what a provider returns for a conversation context.</summary>
public sealed record KVectorShape(int K, int D)
{
    /// <summary>The seed's lower bound for one turn's K-vectors (8 KB).</summary>
    public const int MinTurnBytes = 8 * 1024;

    /// <summary>The seed's upper bound for one turn's K-vectors (32 KB).</summary>
    public const int MaxTurnBytes = 32 * 1024;

    /// <summary>Bytes on the wire as float32.</summary>
    [JsonIgnore]
    public int Bytes => K * D * sizeof(float);

    /// <summary>True when one turn's K-vectors fall in the seed's 8-32 KB.</summary>
    [JsonIgnore]
    public bool InSeedRange => Bytes is >= MinTurnBytes and <= MaxTurnBytes;

    /// <summary>The manifest's K and D, or the default rule for <paramref name="config"/>.</summary>
    public static KVectorShape Of(JepaConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.KVectors is { } explicitShape)
        {
            return explicitShape;
        }
        var d = config.Width;
        var k = (MinTurnBytes + (4 * d) - 1) / (4 * d);
        return new KVectorShape(Math.Clamp(k, 1, Math.Max(1, Window(config) / 2)), d);
    }

    // The positions K-vectors and their context share: the text window of a VL-JEPA, every token otherwise.
    private static int Window(JepaConfig config) => config.Modality == Modality.Multimodal ? config.MaxTokens : config.Tokens;

    /// <exception cref="ArgumentException">D is not the encoder width, or K leaves no room for context in the window.</exception>
    internal void Validate(JepaConfig config)
    {
        if (D != config.Width)
        {
            Errors.Option("k_vectors.d", D, $"must equal the encoder width {config.Width} (the predictor projects back to it)");
        }
        if (K < 1 || K >= Window(config))
        {
            Errors.Option("k_vectors.k", K, $"must be in 1..{Window(config) - 1} so that a context of at least one token fits the {Window(config)}-token window");
        }
    }
}
