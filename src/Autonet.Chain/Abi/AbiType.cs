using System.Globalization;

namespace Autonet.Chain.Abi;

/// <summary>
/// One Solidity ABI type (Solidity ABI specification, "Types" and "Formal Specification of the Encoding"):
/// elementary (uintN, intN, address, bool, bytesN, bytes, string), arrays T[] and T[k], and tuples.
/// Parsed from the canonical text ("(uint256,bytes)[]") or from ABI JSON (type "tuple[]" plus components).
/// Fixed-point types (fixedMxN) are not supported: no contract of ours uses them.
/// </summary>
public sealed class AbiType
{
    private AbiType(AbiKind kind, int size, AbiType? element, IReadOnlyList<AbiParameter>? components)
    {
        Kind = kind;
        Size = size;
        Element = element;
        Components = components ?? [];
        CanonicalName = kind switch
        {
            AbiKind.UnsignedInteger => $"uint{size}",
            AbiKind.SignedInteger => $"int{size}",
            AbiKind.Address => "address",
            AbiKind.Bool => "bool",
            AbiKind.FixedBytes => $"bytes{size}",
            AbiKind.DynamicBytes => "bytes",
            AbiKind.Text => "string",
            AbiKind.Array => element!.CanonicalName + "[]",
            AbiKind.FixedArray => element!.CanonicalName + $"[{size}]",
            _ => "(" + string.Join(",", Components.Select(c => c.Type.CanonicalName)) + ")",
        };
        IsDynamic = kind is AbiKind.DynamicBytes or AbiKind.Text or AbiKind.Array
            || (kind == AbiKind.FixedArray && element!.IsDynamic)
            || (kind == AbiKind.Tuple && Components.Any(c => c.Type.IsDynamic));
        // In long, then bounded: "uint256[100000000]" would take 3.2 GB inline, past int and past any real reply.
        var headSize = IsDynamic ? 32 : kind switch
        {
            AbiKind.FixedArray => (long)size * element!.HeadSize,
            AbiKind.Tuple => Components.Sum(c => (long)c.Type.HeadSize),
            _ => 32,
        };
        HeadSize = headSize <= MaxHeadSize
            ? (int)headSize
            : Errors.AbiType<int>(CanonicalName, $"takes {headSize} bytes inline, more than the {MaxHeadSize} allowed");
    }

    /// <summary>The largest inline (head) size of a type, 16 MiB: the same bound as a decoded length word.</summary>
    public const int MaxHeadSize = Autonet.Core.SizeLimits.AbiLength;

    /// <summary>The longest type text <see cref="Parse(string)"/> reads, and the deepest nesting of [] and ().</summary>
    public const int MaxTextLength = 4096;

    /// <inheritdoc cref="MaxTextLength"/>
    public const int MaxNesting = 32;

    public AbiKind Kind { get; }

    /// <summary>Bits for uintN/intN, bytes for bytesN, length for T[k]; 0 otherwise.</summary>
    public int Size { get; }

    /// <summary>The element type of T[] and T[k].</summary>
    public AbiType? Element { get; }

    /// <summary>The members of a tuple, in order; empty for other kinds.</summary>
    public IReadOnlyList<AbiParameter> Components { get; }

    /// <summary>The name used in signatures, e.g. "uint256", "(address,bytes32)[]".</summary>
    public string CanonicalName { get; }

    /// <summary>True when the encoding is placed in the tail behind an offset.</summary>
    public bool IsDynamic { get; }

    /// <summary>Bytes the type takes in the head: 32 for dynamic types, the full inline size for static ones.</summary>
    public int HeadSize { get; }

    public static AbiType UInt256 { get; } = new(AbiKind.UnsignedInteger, 256, null, null);

    public static AbiType AddressType { get; } = new(AbiKind.Address, 0, null, null);

    /// <summary>A tuple of the given members.</summary>
    public static AbiType Tuple(IReadOnlyList<AbiParameter> components) => new(AbiKind.Tuple, 0, null, components);

    /// <summary>Parses a canonical type, e.g. "uint8", "bytes32[2]", "(uint256,string)[]".</summary>
    /// <exception cref="FormatException">Not a valid ABI type; the message names the text and the rule.</exception>
    public static AbiType Parse(string text) => Parse(text, null);

    /// <summary>Parses the "type" of an ABI JSON entry, with its "components" when the type is a tuple.</summary>
    /// <exception cref="FormatException">Not a valid ABI type; the message names the text and the rule.</exception>
    public static AbiType Parse(string text, IReadOnlyList<AbiParameter>? components)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxTextLength)
        {
            return Errors.AbiType<AbiType>(text[..40] + "…", $"is {text.Length} characters, more than {MaxTextLength}");
        }
        return Parse(text.Trim(), components, text, 0);
    }

    private static AbiType Parse(string text, IReadOnlyList<AbiParameter>? components, string whole, int depth)
    {
        if (depth > MaxNesting)
        {
            return Errors.AbiType<AbiType>(whole, $"nests deeper than {MaxNesting} levels of [] and ()");
        }
        if (text.EndsWith(']'))
        {
            var open = text.LastIndexOf('[');
            if (open <= 0)
            {
                return Errors.AbiType<AbiType>(whole, "unbalanced '[' ']'");
            }
            var element = Parse(text[..open], components, whole, depth + 1);
            var inside = text[(open + 1)..^1];
            if (inside.Length == 0)
            {
                return new AbiType(AbiKind.Array, 0, element, null);
            }
            if (!int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length <= 0 || length > MaxHeadSize)
            {
                return Errors.AbiType<AbiType>(whole, $"array length '{inside}' must be an integer in 1..{MaxHeadSize}");
            }
            return new AbiType(AbiKind.FixedArray, length, element, null);
        }
        if (text == "tuple")
        {
            return components is null
                ? Errors.AbiType<AbiType>(whole, "'tuple' needs components")
                : new AbiType(AbiKind.Tuple, 0, null, components);
        }
        if (text.StartsWith('(') && text.EndsWith(')'))
        {
            var members = SplitTopLevel(text[1..^1], whole)
                .Select((part, i) => new AbiParameter($"_{i}", Parse(part, null, whole, depth + 1)))
                .ToList();
            return new AbiType(AbiKind.Tuple, 0, null, members);
        }
        return Elementary(text, whole);
    }

    private static AbiType Elementary(string text, string whole)
    {
        switch (text)
        {
            case "address": return AddressType;
            case "bool": return new AbiType(AbiKind.Bool, 0, null, null);
            case "bytes": return new AbiType(AbiKind.DynamicBytes, 0, null, null);
            case "string": return new AbiType(AbiKind.Text, 0, null, null);
            case "uint": return UInt256;
            case "int": return new AbiType(AbiKind.SignedInteger, 256, null, null);
            default: break;
        }
        foreach (var (prefix, kind) in new[] { ("uint", AbiKind.UnsignedInteger), ("int", AbiKind.SignedInteger), ("bytes", AbiKind.FixedBytes) })
        {
            if (!text.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            if (!int.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                break;
            }
            var valid = kind == AbiKind.FixedBytes ? n is >= 1 and <= 32 : n is >= 8 and <= 256 && n % 8 == 0;
            return valid
                ? new AbiType(kind, n, null, null)
                : Errors.AbiType<AbiType>(whole, kind == AbiKind.FixedBytes ? "bytesN needs 1 <= N <= 32" : $"{prefix}N needs N in 8..256, a multiple of 8");
        }
        return Errors.AbiType<AbiType>(whole, $"'{text}' is not an ABI type (fixed-point types are not supported)");
    }

    private static List<string> SplitTopLevel(string inner, string whole)
    {
        var parts = new List<string>();
        if (inner.Length == 0)
        {
            return parts;
        }
        var depth = 0;
        var start = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            depth += inner[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth < 0)
            {
                Errors.AbiType<AbiType>(whole, "unbalanced parentheses");
            }
            if (depth == 0 && inner[i] == ',')
            {
                parts.Add(inner[start..i]);
                start = i + 1;
            }
        }
        parts.Add(inner[start..]);
        return parts;
    }

    public override string ToString() => CanonicalName;
}
