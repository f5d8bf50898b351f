using System.Globalization;
using System.Numerics;

namespace Autonet.Chain.Rpc;

/// <summary>
/// JSON-RPC quantities (Ethereum JSON-RPC specification, "hex value encoding"): "0x" + hex digits, no leading zeros,
/// zero as "0x0". Parsing is lenient about leading zeros because some nodes send them.
/// </summary>
public static class Quantity
{
    /// <summary>Formats a non-negative integer as a quantity.</summary>
    public static string Format(BigInteger value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (value.IsZero)
        {
            return "0x0";
        }
        return "0x" + value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
    }

    /// <summary>Parses a quantity; false for anything but "0x" followed by 1 to 64 hex digits.</summary>
    public static bool TryParse(string? text, out BigInteger value)
    {
        value = BigInteger.Zero;
        if (text is null || text.Length < 3 || text.Length > 66 || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        // Leading "0" keeps BigInteger from reading the top bit as a sign.
        return BigInteger.TryParse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
