// One key of config.yaml: its dotted name ("chain.rpc" is `rpc:` under `chain:`), its kind, its default, what it
// means, and the environment variable that overrides it (AUTONET_CHAIN_RPC; some keys also have a short alias such
// as AUTONET_RPC). Parse turns the text of a value (from YAML, the environment or `config set`) into the kind's
// .NET value, or throws an error that names the key, the value and the rule.
using System.Globalization;

namespace Autonet.Node.Config;

/// <summary>The kinds of value a config key holds.</summary>
public enum ConfigKind
{
    Text,
    WholeNumber,
    Boolean,
    Number,
    TextList,
}

/// <summary>A key of config.yaml.</summary>
public sealed record ConfigKey(string Name, ConfigKind Kind, object Default, string Description, string? Alias = null)
{
    /// <summary>An optional rule beyond the kind (a range, a choice); returns null when the value is fine, else the rule.</summary>
    public Func<object, string?>? Rule { get; init; }

    /// <summary>AUTONET_ + the dotted name in upper case with '.' as '_' (chain.rpc → AUTONET_CHAIN_RPC).</summary>
    public string EnvironmentVariable => "AUTONET_" + Name.Replace('.', '_').ToUpperInvariant();

    /// <summary>The section (before the dot) and the member (after it).</summary>
    public (string Section, string Member) Path => Name.IndexOf('.', StringComparison.Ordinal) is var dot and > 0
        ? (Name[..dot], Name[(dot + 1)..])
        : throw new InvalidOperationException($"config key '{Name}' has no section");

    /// <summary>Parses one value's text; a list is comma-separated here (YAML lists come in through <see cref="ParseList"/>).</summary>
    /// <exception cref="FormatException">the text is not a value of this key's kind, or breaks its rule</exception>
    public object Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        object value = Kind switch
        {
            ConfigKind.Text => text,
            ConfigKind.WholeNumber => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
                ? i
                : throw Bad(text, source, "must be a whole number"),
            ConfigKind.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                ? d
                : throw Bad(text, source, "must be a finite number"),
            ConfigKind.Boolean => text.Trim().ToLowerInvariant() switch
            {
                "true" or "yes" or "on" or "1" => true,
                "false" or "no" or "off" or "0" => false,
                _ => throw Bad(text, source, "must be true or false"),
            },
            ConfigKind.TextList => text.Length == 0
                ? Array.Empty<string>()
                : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            _ => throw new InvalidOperationException($"unknown kind {Kind}"),
        };
        return Check(value, text, source);
    }

    /// <summary>A YAML sequence for a list key.</summary>
    public object ParseList(IReadOnlyList<string> items, string source)
    {
        if (Kind != ConfigKind.TextList)
        {
            throw Bad("[" + string.Join(", ", items) + "]", source, $"must be a single {Kind.ToString().ToLowerInvariant()}, not a list");
        }
        return Check(items.ToArray(), string.Join(",", items), source);
    }

    /// <summary>The value as text, the way `config get` prints it and the environment would set it.</summary>
    public static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        string[] list => string.Join(",", list),
        _ => value.ToString() ?? "",
    };

    private object Check(object value, string text, string source) =>
        Rule?.Invoke(value) is { } rule ? throw Bad(text, source, rule) : value;

    private FormatException Bad(string text, string source, string rule) =>
        new($"{source}: {Name} = '{text}' is invalid: {rule}");
}
