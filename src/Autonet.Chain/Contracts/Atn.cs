using System.Numerics;

namespace Autonet.Chain.Contracts;

/// <summary>ATN amounts: 18 decimals, like ether. <c>Atn.Units(100)</c> is 100 ATN in base units.</summary>
public static class Atn
{
    public const int Decimals = 18;

    /// <summary>One ATN in base units (10^18).</summary>
    public static BigInteger One { get; } = BigInteger.Pow(10, Decimals);

    /// <summary>Whole ATN to base units.</summary>
    public static BigInteger Units(long whole) => whole * One;

    /// <summary>Decimal text ("25", "0.5", up to 18 decimals) to base units, exactly; also for ETH, which has the same 18 decimals.</summary>
    /// <exception cref="FormatException">not a non-negative decimal with at most 18 decimals (the message names the text)</exception>
    public static BigInteger Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split('.');
        var whole = parts[0];
        var fraction = parts.Length == 2 ? parts[1] : "";
        if (parts.Length > 2 || whole.Length + fraction.Length == 0 || fraction.Length > Decimals || whole.Length > 40
            || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            throw new FormatException($"amount '{text}' is invalid: must be a non-negative decimal number with at most {Decimals} decimals (e.g. 25 or 0.5)");
        }
        var units = whole.Length == 0 ? BigInteger.Zero : BigInteger.Parse(whole, System.Globalization.CultureInfo.InvariantCulture) * One;
        return fraction.Length == 0 ? units : units + (BigInteger.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture) * BigInteger.Pow(10, Decimals - fraction.Length));
    }

    /// <summary>Base units as ATN text with up to 6 decimals ("25", "0.5"); finer digits are cut, not rounded.</summary>
    public static string Format(BigInteger units) =>
        ((decimal)(units / BigInteger.Pow(10, Decimals - 6)) / 1_000_000m).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}
