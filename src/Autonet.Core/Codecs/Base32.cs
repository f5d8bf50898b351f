namespace Autonet.Core.Codecs;

/// <summary>
/// RFC 4648 base32 with the lower-case alphabet and no padding, as multibase 'b' uses it for CIDs.
/// Not the extended-hex or Crockford variants.
/// </summary>
public static class Base32
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>Encodes bytes as lower-case, unpadded base32.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[((bytes.Length * 8) + 4) / 5];
        int buffer = 0, bits = 0, at = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[at++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }

            buffer &= (1 << bits) - 1;
        }

        if (bits > 0)
        {
            chars[at++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars, 0, at);
    }

    /// <summary>Decodes lower-case, unpadded base32; false on a character outside the alphabet or non-zero trailing bits.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        var result = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, at = 0;
        foreach (var c in text)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                result[at++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }

        if (buffer != 0)
        {
            return false; // RFC 4648 §3.5: canonical encodings have zero pad bits.
        }

        bytes = result;
        return true;
    }
}
