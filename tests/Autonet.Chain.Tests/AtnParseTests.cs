using System.Numerics;
using Autonet.Chain.Contracts;

namespace Autonet.Chain.Tests;

public class AtnParseTests
{
    [Theory]
    [InlineData("25", "25000000000000000000")]
    [InlineData("0.5", "500000000000000000")]
    [InlineData(".5", "500000000000000000")]
    [InlineData("1.000000000000000001", "1000000000000000001")]
    [InlineData("0", "0")]
    public void Parse_Decimal_IsExact(string text, string units) => Assert.Equal(BigInteger.Parse(units, System.Globalization.CultureInfo.InvariantCulture), Atn.Parse(text));

    [Theory]
    [InlineData("-1")]
    [InlineData("1.0000000000000000001")]
    [InlineData("1e18")]
    [InlineData("1.2.3")]
    [InlineData("")]
    public void Parse_Bad_NamesTheText(string text)
    {
        var error = Assert.Throws<FormatException>(() => Atn.Parse(text));
        Assert.Contains($"amount '{text}' is invalid", error.Message, StringComparison.Ordinal);
    }
}
