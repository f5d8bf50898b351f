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
    /// <exception cref="FormatException">The JSON is not an ABI.</exception>
    public static ContractAbi Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Parse(document.RootElement);
    }

    /// <summary>Parses an ABI array element.</summary>
    public static ContractAbi Parse(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            return Chain.Errors.AbiJson<ContractAbi>($"expected an array, got {array.ValueKind}");
        }
        var abi = new ContractAbi();
        foreach (var entry in array.EnumerateArray())
        {
            var kind = entry.TryGetProperty("type", out var t) ? t.GetString() : "function";
            var name = entry.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            var inputs = Parameters(entry, "inputs");
            switch (kind)
            {
                case "function":
                    var mutability = entry.TryGetProperty("stateMutability", out var m) ? m.GetString() ?? "nonpayable" : "nonpayable";
                    var function = new AbiFunction(name, inputs, Parameters(entry, "outputs"), mutability);
                    if (!abi._functions.TryGetValue(name, out var overloads))
                    {
                        abi._functions[name] = overloads = [];
                    }
                    overloads.Add(function);
                    break;
                case "event":
                    var anonymous = entry.TryGetProperty("anonymous", out var a) && a.GetBoolean();
                    abi._events[name] = new AbiEvent(name, inputs, anonymous);
                    break;
                case "error":
                    abi._errors.Add(new AbiError(name, inputs));
                    break;
                case "constructor":
                    abi.ConstructorInputs = inputs;
                    break;
                default:
                    break; // fallback and receive carry no signature
            }
        }
        return abi;
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

    private static List<AbiParameter> Parameters(JsonElement entry, string property)
    {
        if (!entry.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var result = new List<AbiParameter>();
        foreach (var p in list.EnumerateArray())
        {
            var name = p.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            var type = p.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type is null)
            {
                return Chain.Errors.AbiJson<List<AbiParameter>>($"parameter '{name}' has no type");
            }
            var components = p.TryGetProperty("components", out _) ? Parameters(p, "components") : null;
            var indexed = p.TryGetProperty("indexed", out var i) && i.GetBoolean();
            result.Add(new AbiParameter(name, AbiType.Parse(type, components), indexed));
        }
        return result;
    }
}
