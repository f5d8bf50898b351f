using System.Globalization;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// A project's aggregation settings: the rule, its parameter, and an optional per-update L2 norm bound.
/// <see cref="Validate"/> checks what can be checked without the round; the rule's precondition on n
/// is checked by <see cref="RobustAggregator"/> once the accepted updates are known.
/// </summary>
public sealed record AggregationOptions
{
    /// <summary>The rule that combines the updates.</summary>
    public AggregationRule Rule { get; init; } = AggregationRule.FedAvg;

    /// <summary>Per-update L2 norm bound: an update with a larger norm is scaled down to it before the rule runs; null = no clipping.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Trimmed mean: values dropped per side and coordinate (t). Exclusive with <see cref="TrimFraction"/>.</summary>
    public int? TrimPerSide { get; init; }

    /// <summary>Trimmed mean: β in [0, 0.5); t = floor(β·n). Used when <see cref="TrimPerSide"/> is null (default 0.1).</summary>
    public double? TrimFraction { get; init; }

    /// <summary>Krum: number of Byzantine updates tolerated (f); needs n ≥ 2f + 3.</summary>
    public int ByzantineCount { get; init; }

    /// <summary>Krum: updates kept (m); 1 is Krum, more is Multi-Krum; needs m ≤ n − f.</summary>
    public int KrumSelect { get; init; } = 1;

    /// <summary>Default trimmed-mean fraction when neither t nor β is given.</summary>
    public const double DefaultTrimFraction = 0.1;

    /// <summary>Options for <paramref name="rule"/> by its wire name, other settings at their defaults.</summary>
    /// <exception cref="ProtocolException">The name is not a known rule.</exception>
    public static AggregationOptions ForRule(string rule) => new() { Rule = AggregationRuleNames.Parse(rule) };

    /// <summary>Checks every setting, naming the option, its value and the rule it breaks.</summary>
    /// <exception cref="ProtocolException">A setting is out of range or two settings conflict.</exception>
    public AggregationOptions Validate()
    {
        if (!Enum.IsDefined(Rule))
        {
            Errors.Option("Rule", Rule.ToString(), $"must be one of {AggregationRuleNames.Expected}");
        }

        if (ClipNorm is { } clip && !(double.IsFinite(clip) && clip > 0))
        {
            Errors.Option("ClipNorm", clip.ToString("R", CultureInfo.InvariantCulture), "must be finite and > 0");
        }

        if (TrimPerSide is { } t && t < 0)
        {
            Errors.Option("TrimPerSide", t.ToString(CultureInfo.InvariantCulture), "must be >= 0");
        }

        if (TrimFraction is { } beta && !(beta >= 0 && beta < 0.5))
        {
            Errors.Option("TrimFraction", beta.ToString("R", CultureInfo.InvariantCulture), "beta must be in [0, 0.5)");
        }

        if (TrimPerSide is not null && TrimFraction is not null)
        {
            Errors.Option("TrimPerSide", TrimPerSide.Value.ToString(CultureInfo.InvariantCulture), "give either TrimPerSide (t) or TrimFraction (beta), not both");
        }

        if (ByzantineCount < 0)
        {
            Errors.Option("ByzantineCount", ByzantineCount.ToString(CultureInfo.InvariantCulture), "must be >= 0");
        }

        if (KrumSelect < 1)
        {
            Errors.Option("KrumSelect", KrumSelect.ToString(CultureInfo.InvariantCulture), "must be >= 1 (1 = Krum, more = Multi-Krum)");
        }

        return this;
    }

    /// <summary>Trimmed mean: t for <paramref name="count"/> updates (explicit t, or floor(β·n)).</summary>
    internal int TrimFor(int count) =>
        TrimPerSide ?? (int)Math.Floor((TrimFraction ?? DefaultTrimFraction) * count);
}
