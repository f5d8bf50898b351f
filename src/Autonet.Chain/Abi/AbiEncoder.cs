using System.Collections;
using System.Numerics;
using System.Text;
using Autonet.Core.Ids;

namespace Autonet.Chain.Abi;

/// <summary>
/// Solidity ABI encoding (Solidity ABI specification, "Formal Specification of the Encoding"): a tuple is its heads
/// followed by its tails; a dynamic member's head is the byte offset of its tail from the start of the tuple.
/// Values are checked against their types (range, length, shape) and a mismatch names the parameter and the rule.
/// Not the packed encoding (abi.encodePacked).
/// </summary>
public static class AbiEncoder
{
    /// <summary>Encodes values as the tuple of <paramref name="parameters"/> (function arguments, constructor arguments).</summary>
    /// <exception cref="ArgumentException">A value does not fit its type; the message names the parameter.</exception>
    public static byte[] Encode(IReadOnlyList<AbiParameter> parameters, IReadOnlyList<object> values)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(values);
        if (parameters.Count != values.Count)
        {
            Errors.AbiValue("arguments", $"{values.Count} values", $"expected {parameters.Count} ({string.Join(",", parameters.Select(p => p.Type))})");
        }
        return EncodeTuple(parameters.Select(p => p.Type).ToList(), values.ToList(), parameters.Select(p => p.Name).ToList());
    }

    /// <summary>Encodes one value as Solidity's abi.encode(value) does: a one-member tuple (a dynamic value gets its offset word).</summary>
    public static byte[] Encode(AbiType type, object value, string name = "value")
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(value);
        return EncodeTuple([type], new[] { value }, [name]);
    }

    private static byte[] EncodeTuple(List<AbiType> types, IList values, List<string> names)
    {
        var heads = new List<byte[]>(types.Count);
        var tails = new List<byte[]>(types.Count);
        var headSize = types.Sum(t => t.HeadSize);
        var tailOffset = headSize;
        for (var i = 0; i < types.Count; i++)
        {
            var encoded = EncodeValue(types[i], values[i]!, names[i]);
            if (types[i].IsDynamic)
            {
                heads.Add(Word(tailOffset));
                tails.Add(encoded);
                tailOffset = checked(tailOffset + encoded.Length);
            }
            else
            {
                heads.Add(encoded);
            }
        }
        var result = new byte[tailOffset];
        var at = 0;
        foreach (var part in heads.Concat(tails))
        {
            part.CopyTo(result, at);
            at += part.Length;
        }
        return result;
    }

    private static byte[] EncodeValue(AbiType type, object value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        switch (type.Kind)
        {
            case AbiKind.UnsignedInteger:
            case AbiKind.SignedInteger:
                return EncodeInteger(type, value, name);
            case AbiKind.Address:
                return value is Address address
                    ? LeftPad(address.ToArray())
                    : Errors.AbiValue<byte[]>(name, value, "address needs an Address");
            case AbiKind.Bool:
                return value is bool flag ? Word(flag ? 1 : 0) : Errors.AbiValue<byte[]>(name, value, "bool needs a bool");
            case AbiKind.FixedBytes:
                if (!AbiValue.TryAsBytes(value, out var fixedBytes) || fixedBytes.Length != type.Size)
                {
                    return Errors.AbiValue<byte[]>(name, value, $"{type} needs exactly {type.Size} bytes");
                }
                return RightPad(fixedBytes);
            case AbiKind.DynamicBytes:
                return AbiValue.TryAsBytes(value, out var bytes)
                    ? [.. Word(bytes.Length), .. RightPad(bytes)]
                    : Errors.AbiValue<byte[]>(name, value, "bytes needs a byte[]");
            case AbiKind.Text:
                if (value is not string text)
                {
                    return Errors.AbiValue<byte[]>(name, value, "string needs a string");
                }
                var utf8 = Encoding.UTF8.GetBytes(text);
                return [.. Word(utf8.Length), .. RightPad(utf8)];
            case AbiKind.Array:
            case AbiKind.FixedArray:
                return EncodeArray(type, value, name);
            default:
                if (!AbiValue.TryAsList(value, out var members) || members.Count != type.Components.Count)
                {
                    return Errors.AbiValue<byte[]>(name, value, $"tuple {type} needs a list of {type.Components.Count} values");
                }
                return EncodeTuple(type.Components.Select(c => c.Type).ToList(), members, type.Components.Select(c => $"{name}.{c.Name}").ToList());
        }
    }

    private static byte[] EncodeArray(AbiType type, object value, string name)
    {
        if (!AbiValue.TryAsList(value, out var items))
        {
            return Errors.AbiValue<byte[]>(name, value, $"{type} needs a list");
        }
        if (type.Kind == AbiKind.FixedArray && items.Count != type.Size)
        {
            return Errors.AbiValue<byte[]>(name, value, $"{type} needs exactly {type.Size} items, got {items.Count}");
        }
        var element = type.Element!; // arrays always have an element type
        var types = Enumerable.Repeat(element, items.Count).ToList();
        var names = Enumerable.Range(0, items.Count).Select(i => $"{name}[{i}]").ToList();
        var body = EncodeTuple(types, items, names);
        return type.Kind == AbiKind.Array ? [.. Word(items.Count), .. body] : body;
    }

    private static byte[] EncodeInteger(AbiType type, object value, string name)
    {
        if (!AbiValue.TryAsInteger(value, out var integer))
        {
            return Errors.AbiValue<byte[]>(name, value, $"{type} needs an integer (BigInteger, long, int)");
        }
        var (min, max) = Range(type);
        if (integer < min || integer > max)
        {
            return Errors.AbiValue<byte[]>(name, value, $"{type} holds {min}..{max}");
        }
        // Two's complement over 256 bits: negative values are sign-extended with 0xff.
        var word = new byte[32];
        if (integer.Sign < 0)
        {
            Array.Fill(word, (byte)0xff);
        }
        var raw = integer.ToByteArray(isUnsigned: integer.Sign >= 0, isBigEndian: true);
        raw.CopyTo(word, 32 - raw.Length);
        return word;
    }

    /// <summary>The inclusive range of uintN or intN.</summary>
    internal static (BigInteger Min, BigInteger Max) Range(AbiType type) => type.Kind == AbiKind.UnsignedInteger
        ? (BigInteger.Zero, (BigInteger.One << type.Size) - 1)
        : (-(BigInteger.One << (type.Size - 1)), (BigInteger.One << (type.Size - 1)) - 1);

    internal static byte[] Word(long value) => LeftPad(new BigInteger(value).ToByteArray(isUnsigned: true, isBigEndian: true));

    private static byte[] LeftPad(byte[] bytes)
    {
        var word = new byte[32];
        bytes.CopyTo(word, 32 - bytes.Length);
        return word;
    }

    private static byte[] RightPad(byte[] bytes)
    {
        var padded = new byte[(bytes.Length + 31) / 32 * 32];
        bytes.CopyTo(padded, 0);
        return padded;
    }
}
