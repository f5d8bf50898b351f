// Shape of the local decoder (seed 001/002: "Text decoder with FiLM conditioning … autoregressive generation from the
// network's latent plan"). A byte-level model that reads the last Window tokens of the reply and the K-vectors
// (K x D, from the provider's text JEPA) and predicts the next byte. It travels as JSON in the decoder file.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Autonet.Inference.Decoding;

/// <summary>Dimensions of a <see cref="FilmDecoder"/>.</summary>
public sealed record DecoderConfig
{
    public const string MetadataKey = "autonet.decoder";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Byte tokenizer vocabulary (4 specials + 256 bytes).</summary>
    public int Vocab { get; init; } = Autonet.Data.Text.ByteTokenizer.VocabSize;

    /// <summary>Tokens of the reply so far that the next-byte prediction reads.</summary>
    public int Window { get; init; } = 32;

    public int Embed { get; init; } = 32;

    public int Hidden { get; init; } = 256;

    public int Layers { get; init; } = 2;

    /// <summary>Width of the conditioning vector computed from the K-vectors.</summary>
    public int Condition { get; init; } = 128;

    /// <summary>Heads of the cross-attention from the decoder's state to the K-vectors; 0 leaves FiLM as the only channel.</summary>
    public int AttentionHeads { get; init; }

    /// <summary>
    /// K-vectors read at the byte's own plan slot: predicting reply byte j (token j + 1, after BOS) the decoder also reads
    /// K-vectors j .. j + AlignedSlots - 1 (zeros past K), since the plan model's K-vector j is its prediction for the
    /// reply's byte j. 0 turns this path off.
    /// </summary>
    public int AlignedSlots { get; init; }

    /// <summary>
    /// Initial gain (gamma) of the layer norms the plan enters through (FiLM's, the cross-attention's, the aligned
    /// slots'). Below 1 the plan starts small, which for AdamW scales down the first updates' effect on the plan path
    /// by the same factor, while the gain itself is learned. A zeroed plan never reads it (LN(0) = beta).
    /// </summary>
    public float PlanGain { get; init; } = 1f;

    /// <summary>K-vectors per plan (the plan model's K).</summary>
    public required int K { get; init; }

    /// <summary>Width of each K-vector (the plan model's D).</summary>
    public required int D { get; init; }

    /// <summary>Context tokens the plan model reads before its K positions (its max_tokens - K).</summary>
    public required int PlanContext { get; init; }

    [JsonIgnore]
    public int PlanFloats => K * D;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="InvalidDataException">Not a decoder config, or a dimension outside its range.</exception>
    public static DecoderConfig Parse(string json)
    {
        DecoderConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<DecoderConfig>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"decoder config is not valid JSON ({e.Message}); a file written by `autonet decoder train` carries one", e);
        }
        if (config is null)
        {
            throw new InvalidDataException("decoder config is null");
        }
        config.Validate();
        return config;
    }

    /// <exception cref="InvalidDataException">A dimension is outside 1..its limit.</exception>
    public void Validate()
    {
        Check("vocab", Vocab, 1 << 16);
        Check("window", Window, 1024);
        Check("embed", Embed, 4096);
        Check("hidden", Hidden, 8192);
        Check("layers", Layers, 64);
        Check("condition", Condition, 8192);
        if (AttentionHeads < 0 || AttentionHeads > 64 || (AttentionHeads > 0 && Hidden % AttentionHeads != 0))
        {
            throw new InvalidDataException($"decoder config: 'attention_heads' = {AttentionHeads} must be 0 (none) or in 1..64 and divide hidden {Hidden}");
        }
        if (!(PlanGain > 0 && PlanGain <= 10))
        {
            throw new InvalidDataException($"decoder config: 'plan_gain' = {PlanGain} must be in (0, 10]");
        }
        Check("k", K, 4096);
        if (AlignedSlots < 0 || AlignedSlots > K)
        {
            throw new InvalidDataException($"decoder config: 'aligned_slots' = {AlignedSlots} must be 0 (none) or in 1..k ({K})");
        }
        Check("d", D, 4096);
        Check("plan_context", PlanContext, 1 << 16);
        if ((long)K * D > 1 << 20)
        {
            throw new InvalidDataException($"decoder config: k x d = {(long)K * D} floats per plan, more than {1 << 20}");
        }
    }

    private static void Check(string name, int value, int max)
    {
        if (value < 1 || value > max)
        {
            throw new InvalidDataException($"decoder config: '{name}' = {value} must be in 1..{max}");
        }
    }
}
