namespace Autonet.Chain.Rlp;

/// <summary>
/// Decodes RLP (Yellow Paper, Appendix B) strictly: rejects non-canonical forms (a single byte below 0x80 wrapped
/// in a prefix, long form for short payloads, leading zeros in a length), truncation and trailing bytes.
/// Input is untrusted, so the entry point is <see cref="TryDecode"/>.
/// </summary>
public static class RlpDecoder
{
    private const int MaxDepth = 64;

    /// <summary>Decodes exactly one item filling all of <paramref name="data"/>.</summary>
    /// <exception cref="FormatException">The data is not canonical RLP; the message says where and why.</exception>
    public static RlpItem Decode(ReadOnlySpan<byte> data)
    {
        if (!TryDecode(data, out var item, out var problem))
        {
            Errors.Rlp(problem);
        }
        return item;
    }

    /// <summary>Decodes without throwing; <paramref name="problem"/> says why it failed.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, out RlpItem item, out string problem)
    {
        item = RlpItem.EmptyBytes;
        var at = 0;
        if (!TryRead(data, ref at, 0, out item, out problem))
        {
            return false;
        }
        if (at != data.Length)
        {
            problem = $"{data.Length - at} trailing bytes after the item at offset {at}";
            return false;
        }
        return true;
    }

    private static bool TryRead(ReadOnlySpan<byte> data, ref int at, int depth, out RlpItem item, out string problem)
    {
        item = RlpItem.EmptyBytes;
        if (depth > MaxDepth)
        {
            problem = $"nesting deeper than {MaxDepth}";
            return false;
        }
        if (at >= data.Length)
        {
            problem = $"truncated: expected an item at offset {at}";
            return false;
        }
        var first = data[at];
        if (first < 0x80)
        {
            item = RlpItem.SingleByte(first);
            at++;
            problem = "";
            return true;
        }
        var isList = first >= 0xc0;
        var offset = isList ? 0xc0 : 0x80;
        if (!TryReadLength(data, ref at, first - offset, out var length, out problem))
        {
            return false;
        }
        if (length > data.Length - at)
        {
            problem = $"truncated: item at offset {at} declares {length} bytes but {data.Length - at} remain";
            return false;
        }
        var payload = data.Slice(at, length);
        if (!isList)
        {
            if (length == 1 && payload[0] < 0x80)
            {
                problem = $"non-canonical: single byte 0x{payload[0]:x2} at offset {at} must not carry a prefix";
                return false;
            }
            item = length == 0 ? RlpItem.EmptyBytes : RlpItem.FromBytes(payload.ToArray());
            at += length;
            return true;
        }
        if (length == 0)
        {
            item = RlpItem.EmptyList;
            at += length;
            return true;
        }
        // Sized exactly from a first pass over the children's headers: a growing List doubled the cost of a list of
        // one-byte items (26 bytes allocated per input byte, 73 for nested empty lists; 8 and 28 with this).
        var items = new RlpItem[CountChildren(payload)];
        var inner = 0;
        for (var i = 0; inner < payload.Length; i++)
        {
            if (!TryRead(payload, ref inner, depth + 1, out var child, out problem))
            {
                problem = $"in list at offset {at}: {problem}";
                return false;
            }
            items[i] = child; // i < items.Length: the first pass counted these very headers
        }
        item = RlpItem.FromList(items);
        at += length;
        return true;
    }

    // The number of items whose headers tile the payload; where a header is malformed or overruns, the count so far
    // (the second pass then stops at that item with the precise problem).
    private static int CountChildren(ReadOnlySpan<byte> payload)
    {
        var count = 0;
        var at = 0;
        while (at < payload.Length)
        {
            var first = payload[at];
            if (first < 0x80)
            {
                at++;
            }
            else if (!TryReadLength(payload, ref at, first - (first >= 0xc0 ? 0xc0 : 0x80), out var length, out _) || length > payload.Length - at)
            {
                return count + 1;
            }
            else
            {
                at += length;
            }
            count++;
        }
        return count;
    }

    // shortOrLengthOfLength: 0..55 is the payload length itself; 56..63 means 1..8 length bytes follow.
    private static bool TryReadLength(ReadOnlySpan<byte> data, ref int at, int shortOrLengthOfLength, out int length, out string problem)
    {
        length = 0;
        problem = "";
        var start = at;
        at++;
        if (shortOrLengthOfLength <= 55)
        {
            length = shortOrLengthOfLength;
            return true;
        }
        var lengthOfLength = shortOrLengthOfLength - 55;
        if (lengthOfLength > 4 || lengthOfLength > data.Length - at)
        {
            problem = $"length of length {lengthOfLength} at offset {start} is too large or truncated";
            return false;
        }
        if (data[at] == 0)
        {
            problem = $"non-canonical: length at offset {start} has a leading zero";
            return false;
        }
        long value = 0;
        for (var i = 0; i < lengthOfLength; i++)
        {
            value = (value << 8) | data[at + i];
        }
        at += lengthOfLength;
        if (value <= 55)
        {
            problem = $"non-canonical: long form used for a {value}-byte payload at offset {start}";
            return false;
        }
        if (value > int.MaxValue)
        {
            problem = $"length {value} at offset {start} exceeds {int.MaxValue}";
            return false;
        }
        length = (int)value;
        return true;
    }
}
