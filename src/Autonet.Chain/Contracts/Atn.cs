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

    /// <summary>Base units as ATN text with up to 6 decimals ("25", "0.5"); finer digits are cut, not rounded.</summary>
    public static string Format(BigInteger units) =>
        ((decimal)(units / BigInteger.Pow(10, Decimals - 6)) / 1_000_000m).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}
