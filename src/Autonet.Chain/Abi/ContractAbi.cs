using System.Text.Json;

namespace Autonet.Chain.Abi;

/// <summary>
/// A contract's ABI parsed from its JSON description (Solidity ABI specification, "JSON"): functions (overloads kept),
/// events, custom errors and the constructor. Lookups by name throw naming what exists, to make typos obvious.
/// </summary>
public sealed class ContractAbi
{
    private readonly Dictionary<string, List<AbiFunction>> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AbiEvent> _events = new(StringComparer.Ordinal);
    private readonly List<AbiError> _errors = [];

    private ContractAbi()
    {
    }

    /// <summary>The constructor's parameters (empty when the contract declares none).</summary>
    public IReadOnlyList<AbiParameter> ConstructorInputs { get; private set; } = [];

    public IEnumerable<AbiFunction> Functions => _functions.Values.SelectMany(f => f);

    public IEnumerable<AbiEvent> Events => _events.Values;

    public IReadOnlyList<AbiError> Errors => _errors;

    /// <summary>Parses a JSON array of ABI entries.</summary>
    /// <exception cref="FormatException">The text is not JSON, or the JSON is not an ABI; the message names the entry and the rule.</exception>
    public static ContractAbi Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            return Chain.Errors.AbiJson<ContractAbi>($"not JSON: {e.Message}");
        }
    }

    /// <summary>Parses an ABI array element.</summary>
    /// <exception cref="FormatException">The JSON is not an ABI; the message names the entry and the rule.</exception>
    public static ContractAbi Parse(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            return Chain.Errors.AbiJson<ContractAbi>($"expected an array, got {array.ValueKind}");
        }
        var abi = new ContractAbi();
        var index = 0;
        foreach (var entry in array.EnumerateArray())
        {
            abi.Add(entry, $"entry {index++}");
        }
        return abi;
    }

    // One entry; every member's JSON kind is checked before it is read (JsonElement throws InvalidOperationException otherwise).
    private void Add(JsonElement entry, string where)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            Chain.Errors.AbiJson<int>($"{where} is {entry.ValueKind}, not an object");
        }
        var kind = Text(entry, "type", where) ?? "function";
        if (kind is "fallback" or "receive")
        {
            return; // they carry no signature
        }
        var name = Text(entry, "name", where) ?? "";
        if (kind != "constructor" && !IsIdentifier(name))
        {
            Chain.Errors.AbiJson<int>($"{where} ({kind}) has name '{name}': a Solidity identifier ([A-Za-z_$][A-Za-z0-9_$]*) is needed");
        }
        where = $"{where} ({kind} '{name}')";
        var inputs = Parameters(entry, "inputs", where, 0);
        switch (kind)
        {
            case "function":
                var mutability = Text(entry, "stateMutability", where) ?? "nonpayable";
                if (mutability is not ("pure" or "view" or "nonpayable" or "payable"))
                {
                    Chain.Errors.AbiJson<int>($"{where} has stateMutability '{mutability}': one of pure, view, nonpayable, payable is needed");
                }
                var function = new AbiFunction(name, inputs, Parameters(entry, "outputs", where, 0), mutability);
                if (!_functions.TryGetValue(name, out var overloads))
                {
                    _functions[name] = overloads = [];
                }
                if (overloads.Any(f => f.Signature == function.Signature))
                {
                    Chain.Errors.AbiJson<int>($"{where}: function {function.Signature} is declared twice");
                }
                overloads.Add(function);
                break;
            case "event":
                var anonymous = Flag(entry, "anonymous", where);
                var indexed = inputs.Count(p => p.Indexed);
                // A log has at most 4 topics (LOG0..LOG4), and topic 0 is the signature unless the event is anonymous.
                if (indexed > (anonymous ? 4 : 3))
                {
                    Chain.Errors.AbiJson<int>($"{where} has {indexed} indexed inputs; a log holds at most {(anonymous ? 4 : 3)}");
                }
                if (!_events.TryAdd(name, new AbiEvent(name, inputs, anonymous)))
                {
                    Chain.Errors.AbiJson<int>($"{where}: event '{name}' is declared twice (overloaded events are not supported)");
                }
                break;
            case "error":
                _errors.Add(new AbiError(name, inputs));
                break;
            case "constructor":
                ConstructorInputs = inputs;
                break;
            default:
                Chain.Errors.AbiJson<int>($"{where} has type '{kind}': one of function, event, error, constructor, fallback, receive is needed");
                break;
        }
    }

    /// <summary>The function of that name; for an overloaded name pass the full signature "name(types)".</summary>
    /// <exception cref="KeyNotFoundException">No such function, or the name is overloaded.</exception>
    public AbiFunction Function(string nameOrSignature)
    {
        ArgumentNullException.ThrowIfNull(nameOrSignature);
        if (nameOrSignature.Contains('(', StringComparison.Ordinal))
        {
            var match = Functions.FirstOrDefault(f => f.Signature == nameOrSignature);
            return match ?? throw new KeyNotFoundException($"no function {nameOrSignature}; functions: {string.Join(", ", Functions.Select(f => f.Signature))}");
        }
        if (!_functions.TryGetValue(nameOrSignature, out var overloads))
        {
            throw new KeyNotFoundException($"no function '{nameOrSignature}'; functions: {string.Join(", ", _functions.Keys.Order())}");
        }
        return overloads.Count == 1
            ? overloads[0]
            : throw new KeyNotFoundException($"'{nameOrSignature}' is overloaded; pass one of: {string.Join(", ", overloads.Select(f => f.Signature))}");
    }

    /// <summary>The event of that name.</summary>
    /// <exception cref="KeyNotFoundException">No such event.</exception>
    public AbiEvent Event(string name) => _events.TryGetValue(name, out var e)
        ? e
        : throw new KeyNotFoundException($"no event '{name}'; events: {string.Join(", ", _events.Keys.Order())}");

    private static List<AbiParameter> Parameters(JsonElement entry, string property, string where, int depth)
    {
        if (!entry.TryGetProperty(property, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            return Chain.Errors.AbiJson<List<AbiParameter>>($"{where}: '{property}' is {list.ValueKind}, not an array");
        }
        if (depth > AbiType.MaxNesting)
        {
            return Chain.Errors.AbiJson<List<AbiParameter>>($"{where}: components nest deeper than {AbiType.MaxNesting} levels");
        }
        var result = new List<AbiParameter>();
        foreach (var p in list.EnumerateArray())
        {
            var at = $"{where} {property}[{result.Count}]";
            if (p.ValueKind != JsonValueKind.Object)
            {
                return Chain.Errors.AbiJson<List<AbiParameter>>($"{at} is {p.ValueKind}, not an object");
            }
            var name = Text(p, "name", at) ?? "";
            var type = Text(p, "type", at) ?? Chain.Errors.AbiJson<string>($"{at} ('{name}') has no type");
            var components = p.TryGetProperty("components", out _) ? Parameters(p, "components", at, depth + 1) : null;
            result.Add(new AbiParameter(name, AbiType.Parse(type, components), Flag(p, "indexed", at)));
        }
        return result;
    }

    // A string member, or null when it is absent or JSON null.
    private static string? Text(JsonElement element, string property, string where) =>
        !element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : Chain.Errors.AbiJson<string>($"{where}: '{property}' is {value.ValueKind}, not a string");

    private static bool Flag(JsonElement element, string property, string where) =>
        element.TryGetProperty(property, out var value) && value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => Chain.Errors.AbiJson<bool>($"{where}: '{property}' is {value.ValueKind}, not a boolean"),
        };

    // Solidity identifiers (Solidity grammar, "Identifier"): ASCII letters, digits, '_' and '$', not starting with a digit.
    private static bool IsIdentifier(string name) =>
        name.Length is > 0 and <= 256 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
}
