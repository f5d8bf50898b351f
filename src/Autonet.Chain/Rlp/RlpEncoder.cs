using System.Numerics;

namespace Autonet.Chain.Rlp;

/// <summary>
/// Recursive Length Prefix encoding (Ethereum Yellow Paper, Appendix B): byte strings and lists of items.
/// Integers are big-endian with no leading zeros (zero is the empty string). Not a decoder: see <see cref="RlpDecoder"/>.
/// </summary>
public static class RlpEncoder
{
    /// <summary>Encodes one byte string.</summary>
    public static byte[] EncodeBytes(ReadOnlySpan<byte> bytes)
    {
        // A single byte below 0x80 is its own encoding.
        if (bytes.Length == 1 && bytes[0] < 0x80)
        {
            return [bytes[0]];
        }
        var prefix = Prefix(0x80, bytes.Length);
        var result = new byte[prefix.Length + bytes.Length];
        prefix.CopyTo(result, 0);
        bytes.CopyTo(result.AsSpan(prefix.Length));
        return result;
    }

    /// <summary>Encodes a non-negative integer as its minimal big-endian bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public static byte[] EncodeInteger(BigInteger value) => EncodeBytes(ToMinimalBytes(value));

    /// <summary>Encodes a list whose items are already RLP-encoded.</summary>
    public static byte[] EncodeList(IReadOnlyList<byte[]> encodedItems)
    {
        ArgumentNullException.ThrowIfNull(encodedItems);
        var payload = 0;
        foreach (var item in encodedItems)
        {
            payload += item.Length;
        }
        var prefix = Prefix(0xc0, payload);
        var result = new byte[prefix.Length + payload];
        prefix.CopyTo(result, 0);
        var at = prefix.Length;
        foreach (var item in encodedItems)
        {
            item.CopyTo(result, at);
            at += item.Length;
        }
        return result;
    }

    /// <summary>Encodes a list whose items are already RLP-encoded.</summary>
    public static byte[] EncodeList(params byte[][] encodedItems) => EncodeList((IReadOnlyList<byte[]>)encodedItems);

    /// <summary>Big-endian bytes with no leading zeros; zero is empty.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public static byte[] ToMinimalBytes(BigInteger value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
    }

    // Short form: offset + length for payloads up to 55 bytes; long form: offset + 55 + length-of-length, then the length.
    private static byte[] Prefix(byte offset, int length)
    {
        if (length <= 55)
        {
            return [(byte)(offset + length)];
        }
        var lengthBytes = ToMinimalBytes(length);
        var prefix = new byte[1 + lengthBytes.Length];
        prefix[0] = (byte)(offset + 55 + lengthBytes.Length);
        lengthBytes.CopyTo(prefix, 1);
        return prefix;
    }
}
