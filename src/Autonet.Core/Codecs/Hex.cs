namespace Autonet.Core.Codecs;

/// <summary>
/// Lower-case hexadecimal, with or without a "0x" prefix on input.
/// Not a general radix converter: bytes only, no big-integer parsing.
/// </summary>
public static class Hex
{
    /// <summary>Formats bytes as lower-case hex, prefixed with "0x" when <paramref name="prefix"/> is set.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes, bool prefix = true)
    {
        var body = Convert.ToHexStringLower(bytes);
        return prefix ? "0x" + body : body;
    }

    /// <summary>Parses hex (upper or lower case, optional "0x").</summary>
    /// <exception cref="FormatException">Odd length or a character outside 0-9, a-f, A-F.</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryDecode(text, out var bytes, out var problem))
        {
            Errors.Format("hex", text, problem);
        }

        return bytes;
    }

    /// <summary>Parses hex without throwing; <paramref name="problem"/> says why it failed.</summary>
    public static bool TryDecode(string? text, out byte[] bytes, out string problem)
    {
        bytes = [];
        if (text is null)
        {
            problem = "null";
            return false;
        }

        var body = text.AsSpan();
        if (body.StartsWith("0x", StringComparison.Ordinal) || body.StartsWith("0X", StringComparison.Ordinal))
        {
            body = body[2..];
        }

        if (body.Length % 2 != 0)
        {
            problem = $"odd number of hex digits ({body.Length})";
            return false;
        }

        var result = new byte[body.Length / 2];
        for (var i = 0; i < result.Length; i++)
        {
            var hi = Nibble(body[2 * i]);
            var lo = Nibble(body[(2 * i) + 1]);
            if (hi < 0 || lo < 0)
            {
                var at = hi < 0 ? 2 * i : (2 * i) + 1;
                problem = $"'{body[at]}' at position {at} is not a hex digit";
                return false;
            }

            result[i] = (byte)((hi << 4) | lo);
        }

        bytes = result;
        problem = "";
        return true;
    }

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
