namespace Autonet.Protocol.Aggregation;

/// <summary>The wire names of <see cref="AggregationRule"/> as projects and the CLI spell them: fedavg|median|trimmed-mean|krum.</summary>
public static class AggregationRuleNames
{
    private static readonly (string Name, AggregationRule Rule)[] Names =
    [
        ("fedavg", AggregationRule.FedAvg),
        ("median", AggregationRule.Median),
        ("trimmed-mean", AggregationRule.TrimmedMean),
        ("krum", AggregationRule.Krum),
    ];

    /// <summary>Every accepted name, in the order the help text lists them.</summary>
    public static string Expected => string.Join("|", Names.Select(n => n.Name));

    /// <summary>The wire name of <paramref name="rule"/>.</summary>
    public static string ToName(AggregationRule rule)
    {
        foreach (var (name, value) in Names)
        {
            if (value == rule)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(rule), rule, $"unknown aggregation rule; expected one of {Expected}");
    }

    /// <summary>Parses a wire name exactly (lower case, as written in project configs).</summary>
    public static bool TryParse(string? text, out AggregationRule rule)
    {
        foreach (var (name, value) in Names)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                rule = value;
                return true;
            }
        }

        rule = default;
        return false;
    }

    /// <summary>Parses a wire name, naming the bad value and the accepted ones on failure.</summary>
    /// <exception cref="ProtocolException">The text is not one of fedavg|median|trimmed-mean|krum.</exception>
    public static AggregationRule Parse(string? text) =>
        TryParse(text, out var rule) ? rule : Errors.UnknownRule(text);
}
