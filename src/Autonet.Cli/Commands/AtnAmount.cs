using System.Globalization;
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Cli.Output;

namespace Autonet.Cli.Commands;

/// <summary>ATN amounts on the command line: decimal ATN with at most 18 decimals ("100", "0.01") to base units.</summary>
internal static class AtnAmount
{
    /// <exception cref="UsageException">Not a non-negative decimal with at most 18 decimals.</exception>
    public static BigInteger Parse(string flag, string text)
    {
        var parts = text.Split('.');
        var digitsOnly = parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));
        if (parts.Length > 2 || !digitsOnly || (parts.Length == 2 && parts[1].Length > Atn.Decimals))
        {
            throw new UsageException($"{flag} '{text}': expected ATN as a non-negative decimal with at most {Atn.Decimals} decimals, e.g. 100 or 0.01");
        }
        var whole = BigInteger.Parse(parts[0], CultureInfo.InvariantCulture) * Atn.One;
        return parts.Length == 1 ? whole : whole + BigInteger.Parse(parts[1].PadRight(Atn.Decimals, '0'), CultureInfo.InvariantCulture);
    }
}
