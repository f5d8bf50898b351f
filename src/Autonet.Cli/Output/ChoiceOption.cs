// Options whose value is one of a closed set (modality, attack, role, aggregation rule): one spelling everywhere,
// the kebab-case names report.json and devnet.json use ("image", "signflip", "trimmed-mean"), accepted in any case,
// listed in --help as <image|text>, and a bad value is a usage error that lists the choices.
using System.CommandLine;
using Autonet.Devnet;
using Autonet.Protocol.Aggregation;

namespace Autonet.Cli.Output;

/// <summary>Creates and reads closed-set options.</summary>
internal static class ChoiceOption
{
    /// <summary>An option over the members of <typeparamref name="T"/> by their kebab-case names; required when <paramref name="defaultValue"/> is null.</summary>
    public static Option<string> Create<T>(string name, string description, T? defaultValue)
        where T : struct, Enum
    {
        var names = Enum.GetValues<T>().Select(v => KebabNames.Of(v)).ToArray();
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', names),
            Required = defaultValue is null,
        };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => KebabNames.Of(value);
        }
        option.CompletionSources.Add(names);
        option.Validators.Add(r =>
        {
            var text = r.GetValueOrDefault<string>();
            if (!names.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                r.AddError($"{name} {text}: {KebabNames.Choices<T>()}");
            }
        });
        return option;
    }

    /// <summary>An option over the members of <typeparamref name="T"/> that may be left out (then <see cref="GetOptional"/> is null).</summary>
    public static Option<string> Optional<T>(string name, string description)
        where T : struct, Enum
    {
        var names = Enum.GetValues<T>().Select(v => KebabNames.Of(v)).ToArray();
        var option = new Option<string>(name) { Description = description, HelpName = string.Join('|', names) };
        option.CompletionSources.Add(names);
        option.Validators.Add(r =>
        {
            var text = r.GetValueOrDefault<string>();
            if (text is not null && !names.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                r.AddError($"{name} {text}: {KebabNames.Choices<T>()}");
            }
        });
        return option;
    }

    /// <summary>The member an optional choice names, or null when it was left out.</summary>
    public static T? GetOptional<T>(ParseResult result, Option<string> option)
        where T : struct, Enum => result.GetValue(option) is { } text ? KebabNames.Parse<T>(text, option.Name) : null;

    /// <summary>The member the option names (already checked while parsing).</summary>
    public static T Get<T>(ParseResult result, Option<string> option)
        where T : struct, Enum => KebabNames.Parse<T>(result.GetValue(option)!, option.Name); // has a default

    /// <summary>--aggregation: fedavg|median|trimmed-mean|krum (AggregationRuleNames), any case.</summary>
    public static Option<string> Aggregation(string description)
    {
        var option = new Option<string>("--aggregation")
        {
            Description = description,
            HelpName = AggregationRuleNames.Expected,
            DefaultValueFactory = _ => "fedavg",
            CustomParser = r => r.Tokens.Count == 1 ? r.Tokens[0].Value.ToLowerInvariant() : "",
        };
        option.Validators.Add(r =>
        {
            var text = r.GetValueOrDefault<string>();
            if (!AggregationRuleNames.TryParse(text, out _))
            {
                r.AddError($"--aggregation {text}: one of {AggregationRuleNames.Expected.Replace("|", ", ", StringComparison.Ordinal)}");
            }
        });
        return option;
    }
}
