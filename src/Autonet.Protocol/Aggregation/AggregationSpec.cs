using System.Globalization;
using System.Text;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// A project's aggregation options as the canonical text it states on chain at creation (Project.aggregationOf):
/// space-separated key=value pairs, `rule` first, then only the settings that differ from their defaults, for example
/// "rule=trimmed-mean trim_per_side=2 clip_norm=100". Empty text is FedAvg with no clipping. Every aggregator and
/// every challenger reads the same text, so none of them combines a task's deltas with a rule of its own choosing.
/// </summary>
public static class AggregationSpec
{
    /// <summary>Keys in canonical order.</summary>
    public const string Keys = "rule, trim_per_side, trim_fraction, clip_norm, byzantine, select";

    /// <summary>The canonical text of <paramref name="options"/> (validated first).</summary>
    /// <exception cref="ProtocolException">An option breaks its rule (<see cref="AggregationOptions.Validate"/>).</exception>
    public static string Format(AggregationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var ic = CultureInfo.InvariantCulture;
        var text = new StringBuilder("rule=").Append(AggregationRuleNames.ToName(options.Rule));
        if (options.TrimPerSide is { } t)
        {
            text.Append(ic, $" trim_per_side={t}");
        }

        if (options.TrimFraction is { } beta)
        {
            text.Append(" trim_fraction=").Append(beta.ToString("R", ic));
        }

        if (options.ClipNorm is { } clip)
        {
            text.Append(" clip_norm=").Append(clip.ToString("R", ic));
        }

        if (options.ByzantineCount != 0)
        {
            text.Append(ic, $" byzantine={options.ByzantineCount}");
        }

        if (options.KrumSelect != 1)
        {
            text.Append(ic, $" select={options.KrumSelect}");
        }

        return text.ToString();
    }

    /// <summary>The options stated by <paramref name="spec"/> (empty: FedAvg), validated.</summary>
    /// <exception cref="FormatException">A pair is malformed, unknown, repeated or not a number; `rule` is missing or unknown (the message quotes the spec and names the rule).</exception>
    /// <exception cref="ProtocolException">A value breaks its option's rule (<see cref="AggregationOptions.Validate"/>).</exception>
    public static AggregationOptions Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Length == 0)
        {
            return new AggregationOptions();
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        AggregationOptions? options = null;
        foreach (var pair in spec.Split(' '))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1)
            {
                throw Bad(spec, $"'{pair}' is not key=value (single spaces between pairs)");
            }

            var (key, value) = (pair[..equals], pair[(equals + 1)..]);
            if (!seen.Add(key))
            {
                throw Bad(spec, $"{key} is given twice");
            }

            if (options is null)
            {
                options = key == "rule" && AggregationRuleNames.TryParse(value, out var rule)
                    ? new AggregationOptions { Rule = rule }
                    : throw Bad(spec, key == "rule" ? $"rule '{value}' must be one of {AggregationRuleNames.Expected}" : $"the first pair must be rule=…, not {key}");
                continue;
            }

            options = key switch
            {
                "trim_per_side" => options with { TrimPerSide = Whole(spec, key, value) },
                "trim_fraction" => options with { TrimFraction = Real(spec, key, value) },
                "clip_norm" => options with { ClipNorm = Real(spec, key, value) },
                "byzantine" => options with { ByzantineCount = Whole(spec, key, value) },
                "select" => options with { KrumSelect = Whole(spec, key, value) },
                _ => throw Bad(spec, $"unknown key {key} (keys: {Keys})"),
            };
        }

        return options!.Validate(); // the loop ran at least once (spec is not empty), and its first pass set options
    }

    private static int Whole(string spec, string key, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw Bad(spec, $"{key}={value} must be a whole number");

    private static double Real(string spec, string key, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : throw Bad(spec, $"{key}={value} must be a number");

    private static FormatException Bad(string spec, string problem) => new($"aggregation spec '{spec}': {problem}");
}
