// The shape of a model's K-vectors (seed 001: the latent plan a provider returns for a context): the encoder's outputs
// at the last K tokens of the context, each of width D (the encoder width). A manifest may name K and D (config
// "k_vectors"); without them the rule below picks the K whose float32 K-vectors make 32 KB, the top of the seed's
// "~8-32 KB per turn", capped at the window (one vector per token the encoder reads).
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
        var k = MaxTurnBytes / (4 * d);
        return new KVectorShape(Math.Clamp(k, 1, config.Tokens), d);
    }

    /// <exception cref="ArgumentException">D is not the encoder width, or K is more than the tokens the encoder reads.</exception>
    internal void Validate(JepaConfig config)
    {
        if (D != config.Width)
        {
            Errors.Option("k_vectors.d", D, $"must equal the encoder width {config.Width} (a K-vector is one encoder output)");
        }
        if (K < 1 || K > config.Tokens)
        {
            Errors.Option("k_vectors.k", K, $"must be in 1..{config.Tokens}: one K-vector per context token of the {config.Tokens}-token window");
        }
    }
}
