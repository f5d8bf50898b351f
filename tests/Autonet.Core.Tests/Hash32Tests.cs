using Autonet.Core.Ids;

namespace Autonet.Core.Tests;

public class Hash32Tests
{
    [Fact]
    public void Parse_Formatted_RoundTrips()
    {
        var text = "0x" + string.Concat(Enumerable.Range(0, 32).Select(i => i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(text, Hash32.Parse(text).ToString());
    }

    [Fact]
    public void CompareTo_ByteOrder_MatchesLexicographic()
    {
        var low = new byte[32];
        var high = new byte[32];
        high[0] = 1;
        low[31] = 255;
        Assert.True(new Hash32(low) < new Hash32(high));
    }

    [Fact]
    public void Parse_ShortHex_Throws()
    {
        var error = Assert.Throws<FormatException>(() => Hash32.Parse("0xabcd"));
        Assert.Contains("expected 32 bytes", error.Message, StringComparison.Ordinal);
    }
}
