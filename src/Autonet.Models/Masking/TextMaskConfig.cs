// Span masking for text JEPA (seed 001, story 1.2, option A, after SpanBERT): contiguous spans of 3-15 tokens,
// 15-25% of a sequence's real tokens in total.
namespace Autonet.Models.Masking;

/// <summary>Options of the span masker.</summary>
public sealed record TextMaskConfig
{
    public int MinSpan { get; init; } = 3;

    public int MaxSpan { get; init; } = 15;

    /// <summary>Lower bound of the masked fraction, drawn uniformly per sample in [MinRatio, MaxRatio].</summary>
    public double MinRatio { get; init; } = 0.15;

    public double MaxRatio { get; init; } = 0.25;

    /// <summary>Fewest real tokens that must stay visible to the context encoder.</summary>
    public int MinContextTokens { get; init; } = 4;

    /// <summary>Shortest sequence we mask: one MinSpan target plus MinContextTokens of context.</summary>
    public int MinSequenceLength => MinSpan + MinContextTokens;

    /// <exception cref="ArgumentException">an option is out of range</exception>
    public void Validate()
    {
        if (MinSpan < 1 || MaxSpan < MinSpan)
        {
            Errors.Option("span", $"{MinSpan}..{MaxSpan}", "need 1 <= min_span <= max_span");
        }
        if (!(MinRatio > 0) || !(MaxRatio >= MinRatio) || !(MaxRatio < 1))
        {
            Errors.Option("ratio", $"{MinRatio}..{MaxRatio}", "need 0 < min_ratio <= max_ratio < 1");
        }
        if (MinContextTokens < 1)
        {
            Errors.Option("min_context_tokens", MinContextTokens, "must be at least 1");
        }
    }
}
