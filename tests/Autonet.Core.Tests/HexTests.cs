using Autonet.Core.Codecs;

namespace Autonet.Core.Tests;

public class HexTests
{
    [Theory]
    [InlineData("0x00ff10", new byte[] { 0, 255, 16 })]
    [InlineData("00FF10", new byte[] { 0, 255, 16 })]
    [InlineData("0x", new byte[0])]
    public void Decode_Valid_ReturnsBytes(string text, byte[] expected) => Assert.Equal(expected, Hex.Decode(text));

    [Fact]
    public void Encode_Bytes_IsLowerCaseWithPrefix() => Assert.Equal("0x00ff10", Hex.Encode([0, 255, 16]));

    [Fact]
    public void Decode_OddLength_ThrowsNamingRule()
    {
        var error = Assert.Throws<FormatException>(() => Hex.Decode("0xabc"));
        Assert.Contains("odd number of hex digits (3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("'0xabc'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_BadDigit_ThrowsNamingPosition()
    {
        var error = Assert.Throws<FormatException>(() => Hex.Decode("0x0g"));
        Assert.Contains("'g' at position 1", error.Message, StringComparison.Ordinal);
    }
}
