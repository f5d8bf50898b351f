using System.Numerics;
using System.Text;
using Autonet.Core.Ids;

namespace Autonet.Chain.Abi;

/// <summary>
/// The decoding walk behind <see cref="AbiDecoder"/>: returns false with the offset and rule instead of throwing, and
/// collects the path to the failing value ("stakes[3].amount") only while unwinding, so the happy path formats nothing.
/// Memory is bounded by the data, whatever lengths and offsets it claims: every value decoded is charged against a
/// budget of 2·|data| + 1024 bytes (32 per word, 32 + n per bytes or string, 1 per tuple), so offsets that alias the
/// same tail many times are refused, and an array's length is checked against the bytes left before its
/// object[] is allocated. A canonical encoding is charged at most 2·|data| (the 1 per tuple is the slack).
/// </summary>
internal ref struct AbiReader
{
    // A length word above this cannot be real data in a reply.
    private const int MaxLength = Autonet.Core.SizeLimits.AbiLength;

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private long _budget;
    private List<string>? _path;

    public AbiReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _budget = (2L * data.Length) + 1024;
        Rule = "";
    }

    /// <summary>What was wrong, after a false return.</summary>
    public string Rule { get; private set; }

    /// <summary>The byte offset of the failing word, after a false return.</summary>
    public int At { get; private set; }

    /// <summary>The path below the top-level value, e.g. "[3].amount", after a false return.</summary>
    public readonly string Path => _path is null ? "" : string.Concat(Enumerable.Reverse(_path));

    /// <summary>The members of a tuple whose head starts at <paramref name="start"/> (Solidity ABI, "Formal Specification").</summary>
    public bool TryTuple(IReadOnlyList<AbiParameter> members, long start, out object[] values, out int failedIndex)
    {
        values = members.Count == 0 ? [] : new object[members.Count];
        failedIndex = -1;
        var head = start;
        for (var i = 0; i < members.Count; i++)
        {
            if (!TryMember(members[i].Type, start, head, out values[i]))
            {
                failedIndex = i;
                return false;
            }
            head += members[i].Type.HeadSize;
        }
        return true;
    }

    /// <summary>One static value in a 32-byte-aligned slot, or a dynamic one behind the offset at <paramref name="head"/>.</summary>
    private bool TryMember(AbiType type, long start, long head, out object value)
    {
        value = false;
        if (!type.IsDynamic)
        {
            return TryValue(type, head, out value);
        }
        if (!TryLength(head, "offset", out var offset))
        {
            return false;
        }
        return TryValue(type, start + offset, out value);
    }

    public bool TryValue(AbiType type, long at, out object value)
    {
        value = false;
        switch (type.Kind)
        {
            case AbiKind.UnsignedInteger:
            case AbiKind.SignedInteger:
                if (!TryInteger(type, at, out var integer))
                {
                    return false;
                }
                value = integer;
                return true;
            case AbiKind.Address:
                if (!TrySlot(at, out var word) || !RequireZero(word[..12], at, "address has non-zero high bytes"))
                {
                    return false;
                }
                value = new Address(word[12..]);
                return true;
            case AbiKind.Bool:
                if (!TrySlot(at, out var flag))
                {
                    return false;
                }
                if (flag[..31].ContainsAnyExcept((byte)0) || flag[31] > 1)
                {
                    return Fail(at, $"bool must be 0 or 1, got {new BigInteger(flag, isUnsigned: true, isBigEndian: true)}");
                }
                value = flag[31] == 1;
                return true;
            case AbiKind.FixedBytes:
                if (!TrySlot(at, out var fixedBytes) || !RequireZero(fixedBytes[type.Size..], at, $"{type} has non-zero padding"))
                {
                    return false;
                }
                value = fixedBytes[..type.Size].ToArray();
                return true;
            case AbiKind.DynamicBytes:
            case AbiKind.Text:
                return TryBytes(type, at, out value);
            case AbiKind.Array:
                if (!TryLength(at, "array length", out var count))
                {
                    return false;
                }
                return TryElements(type.Element!, count, at + 32, out value); // arrays always have an element type
            case AbiKind.FixedArray:
                return TryElements(type.Element!, type.Size, at, out value);
            default:
                if (!Charge(1, at))
                {
                    return false;
                }
                var components = type.Components;
                if (TryTuple(components, at, out var members, out var failed))
                {
                    value = members;
                    return true;
                }
                Push("." + (components[failed].Name.Length > 0 ? components[failed].Name : $"_{failed}"));
                return false;
        }
    }

    private bool TryElements(AbiType element, int count, long start, out object value)
    {
        value = Array.Empty<object>();
        // Check the claim against the data before allocating: each element has its head inside the data, and each
        // costs at least one byte of budget even when its head is empty (an array of empty tuples).
        var headBytes = (long)count * element.HeadSize;
        if (start > _data.Length || headBytes > _data.Length - start)
        {
            return Fail(checked((int)Math.Min(start, int.MaxValue)), $"{count} elements of {element} need {headBytes} head bytes but {Math.Max(0, _data.Length - start)} remain");
        }
        if (element.HeadSize == 0 && !Charge(count, start))
        {
            return false;
        }
        var values = count == 0 ? [] : new object[count];
        long head = start;
        for (var i = 0; i < count; i++)
        {
            if (!TryMember(element, start, head, out values[i]))
            {
                Push($"[{i}]");
                return false;
            }
            head += element.HeadSize;
        }
        value = values;
        return true;
    }

    private bool TryBytes(AbiType type, long at, out object value)
    {
        value = Array.Empty<byte>();
        if (!TryLength(at, "length", out var length) || !TrySpan(at + 32, length, out var body) || !Charge(length, at))
        {
            return false;
        }
        if (type.Kind == AbiKind.DynamicBytes)
        {
            value = body.ToArray();
            return true;
        }
        try
        {
            value = StrictUtf8.GetString(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return Fail(at, "string is not valid UTF-8");
        }
    }

    private bool TryInteger(AbiType type, long at, out BigInteger value)
    {
        value = BigInteger.Zero;
        if (!TrySlot(at, out var word))
        {
            return false;
        }
        // The value fits N bits when the top 256 - N bits are zero (unsigned) or copies of bit N-1 (signed).
        var unused = 32 - (type.Size / 8);
        var signed = type.Kind == AbiKind.SignedInteger;
        var fill = signed && (word[unused] & 0x80) != 0 ? (byte)0xff : (byte)0;
        if (word[..unused].ContainsAnyExcept(fill))
        {
            return Fail(at, $"value does not fit {type}");
        }
        value = new BigInteger(word, isUnsigned: !signed, isBigEndian: true);
        return true;
    }

    private bool TryLength(long at, string what, out int length)
    {
        length = 0;
        if (!TrySlot(at, out var word))
        {
            return false;
        }
        if (word[..28].ContainsAnyExcept((byte)0) || (word[28] << 24 | word[29] << 16 | word[30] << 8 | word[31]) is var value && value is < 0 or > MaxLength)
        {
            return Fail(at, $"{what} {new BigInteger(word, isUnsigned: true, isBigEndian: true)} is larger than {MaxLength}");
        }
        length = value;
        return true;
    }

    private bool TrySlot(long at, out ReadOnlySpan<byte> word) => TrySpan(at, 32, out word) && Charge(32, at);

    private bool TrySpan(long at, int length, out ReadOnlySpan<byte> span)
    {
        span = default;
        if (at < 0 || at > _data.Length || length > _data.Length - at)
        {
            return Fail(checked((int)Math.Min(at, int.MaxValue)), $"needs {length} bytes but the data has {_data.Length}");
        }
        span = _data.Slice((int)at, length);
        return true;
    }

    private bool Charge(long bytes, long at)
    {
        _budget -= bytes;
        return _budget >= 0 || Fail(checked((int)Math.Min(at, int.MaxValue)), $"decoding would exceed 2x the {_data.Length} bytes given (offsets that point at the same data many times)");
    }

    private bool RequireZero(ReadOnlySpan<byte> bytes, long at, string rule) => !bytes.ContainsAnyExcept((byte)0) || Fail(at, rule);

    private bool Fail(long at, string rule)
    {
        At = (int)Math.Min(at, int.MaxValue);
        Rule = rule;
        return false;
    }

    private void Push(string segment) => (_path ??= []).Add(segment);
}
