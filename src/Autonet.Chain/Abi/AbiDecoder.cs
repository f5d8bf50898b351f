using System.Numerics;
using System.Text;
using Autonet.Core.Ids;

namespace Autonet.Chain.Abi;

/// <summary>
/// Strict Solidity ABI decoding of untrusted bytes (return data, logs, revert data): every offset and length is
/// bounds-checked, integers must fit their width, bools must be 0 or 1, addresses must have zero high bytes.
/// Produces the shapes described in <see cref="AbiValue"/>.
/// </summary>
public static class AbiDecoder
{
    // A length word above this cannot be real data in a reply, and would make us allocate without bound.
    private const int MaxLength = 1 << 24;

    /// <summary>Decodes <paramref name="data"/> as the tuple of <paramref name="parameters"/>.</summary>
    /// <exception cref="FormatException">The data does not match the types; the message names the parameter and offset.</exception>
    public static object[] Decode(IReadOnlyList<AbiParameter> parameters, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return DecodeTuple(parameters.Select(p => p.Type).ToList(), parameters.Select(p => p.Name).ToList(), data, 0);
    }

    /// <summary>Decodes without throwing; <paramref name="problem"/> says why it failed.</summary>
    public static bool TryDecode(IReadOnlyList<AbiParameter> parameters, ReadOnlySpan<byte> data, out object[] values, out string problem)
    {
        try
        {
            values = Decode(parameters, data);
            problem = "";
            return true;
        }
        catch (FormatException error)
        {
            values = [];
            problem = error.Message;
            return false;
        }
    }

    /// <summary>Decodes one value of a static type from a 32-byte-aligned slot (e.g. an indexed event topic).</summary>
    public static object DecodeValue(AbiType type, ReadOnlySpan<byte> data, string name = "value")
    {
        ArgumentNullException.ThrowIfNull(type);
        return DecodeAt(type, name, data, 0);
    }

    private static object[] DecodeTuple(List<AbiType> types, List<string> names, ReadOnlySpan<byte> data, int start)
    {
        var values = new object[types.Count];
        var head = start;
        for (var i = 0; i < types.Count; i++)
        {
            if (types[i].IsDynamic)
            {
                var offset = ReadLength(data, head, names[i], "offset");
                var target = checked(start + offset);
                values[i] = DecodeAt(types[i], names[i], data, target);
            }
            else
            {
                values[i] = DecodeAt(types[i], names[i], data, head);
            }
            head = checked(head + types[i].HeadSize);
        }
        return values;
    }

    private static object DecodeAt(AbiType type, string name, ReadOnlySpan<byte> data, int at)
    {
        switch (type.Kind)
        {
            case AbiKind.UnsignedInteger:
            case AbiKind.SignedInteger:
                return ReadInteger(type, name, data, at);
            case AbiKind.Address:
                var word = Slot(data, at, name);
                RequireZero(word[..12], name, at, "address has non-zero high bytes");
                return new Address(word[12..]);
            case AbiKind.Bool:
                var flag = ReadInteger(AbiType.UInt256, name, data, at);
                return flag.IsZero ? false : flag.IsOne ? true : Errors.AbiData<object>(name, at, $"bool must be 0 or 1, got {flag}");
            case AbiKind.FixedBytes:
                return Slot(data, at, name)[..type.Size].ToArray();
            case AbiKind.DynamicBytes:
            case AbiKind.Text:
                var length = ReadLength(data, at, name, "length");
                var body = Span(data, checked(at + 32), length, name);
                if (type.Kind == AbiKind.DynamicBytes)
                {
                    return body.ToArray();
                }
                try
                {
                    return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
                }
                catch (DecoderFallbackException)
                {
                    return Errors.AbiData<object>(name, at, "string is not valid UTF-8");
                }
            case AbiKind.Array:
                var count = ReadLength(data, at, name, "array length");
                var element = type.Element!; // arrays always have an element type
                return DecodeTuple(Enumerable.Repeat(element, count).ToList(), Names(name, count), data, checked(at + 32));
            case AbiKind.FixedArray:
                return DecodeTuple(Enumerable.Repeat(type.Element!, type.Size).ToList(), Names(name, type.Size), data, at);
            default:
                return DecodeTuple(type.Components.Select(c => c.Type).ToList(), type.Components.Select(c => $"{name}.{c.Name}").ToList(), data, at);
        }
    }

    private static List<string> Names(string name, int count) => Enumerable.Range(0, count).Select(i => $"{name}[{i}]").ToList();

    private static BigInteger ReadInteger(AbiType type, string name, ReadOnlySpan<byte> data, int at)
    {
        var word = Slot(data, at, name);
        var value = type.Kind == AbiKind.SignedInteger
            ? new BigInteger(word, isUnsigned: false, isBigEndian: true)
            : new BigInteger(word, isUnsigned: true, isBigEndian: true);
        var (min, max) = AbiEncoder.Range(type);
        return value < min || value > max ? Errors.AbiData<BigInteger>(name, at, $"value does not fit {type}") : value;
    }

    private static int ReadLength(ReadOnlySpan<byte> data, int at, string name, string what)
    {
        var value = ReadInteger(AbiType.UInt256, name, data, at);
        return value > MaxLength ? Errors.AbiData<int>(name, at, $"{what} {value} is larger than {MaxLength}") : (int)value;
    }

    private static ReadOnlySpan<byte> Slot(ReadOnlySpan<byte> data, int at, string name) => Span(data, at, 32, name);

    private static ReadOnlySpan<byte> Span(ReadOnlySpan<byte> data, int at, int length, string name)
    {
        if (at < 0 || length > data.Length - at)
        {
            Errors.AbiData<int>(name, at, $"needs {length} bytes but the data has {data.Length}");
        }
        return data.Slice(at, length);
    }

    private static void RequireZero(ReadOnlySpan<byte> bytes, string name, int at, string rule)
    {
        if (bytes.ContainsAnyExcept((byte)0))
        {
            Errors.AbiData<int>(name, at, rule);
        }
    }
}
