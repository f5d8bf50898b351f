using Autonet.Core.Json;

namespace Autonet.Core.Tests.Vectors;

/// <summary>RFC 8785 examples (§3.2.2 sample, Appendix B numbers).</summary>
public class CanonicalJsonVectors
{
    [Fact]
    public void Canonicalize_Rfc8785Sample_MatchesSpec()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        Assert.Equal(expected, CanonicalJson.Canonicalize(input));
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(123.456, "123.456")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    public void FormatNumber_Rfc8785AppendixB_MatchesEcmaScript(double value, string expected) =>
        Assert.Equal(expected, CanonicalJson.FormatNumber(value));

    [Fact]
    public void Canonicalize_SortsByUtf16CodeUnits()
    {
        // RFC 8785 §3.2.3: "\u20ac" (€) sorts after "\ud83d\ude00" (😀) is false in UTF-8 order but ordinal UTF-16 puts 😀 (D83D) after € (20AC).
        Assert.Equal("{\"a\":1,\"b\":2,\"€\":3,\"😀\":4}", CanonicalJson.Canonicalize("{\"😀\":4,\"€\":3,\"b\":2,\"a\":1}"));
    }

    [Fact]
    public void FormatNumber_NegativeZero_IsZero() => Assert.Equal("0", CanonicalJson.FormatNumber(-0.0));

    [Fact]
    public void Canonicalize_DuplicateKey_Throws()
    {
        var error = Assert.Throws<FormatException>(() => CanonicalJson.Canonicalize("{\"a\":1,\"a\":2}"));
        Assert.Contains("duplicate key 'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_NotJson_Throws() => Assert.Throws<FormatException>(() => CanonicalJson.Canonicalize("{"));
}
