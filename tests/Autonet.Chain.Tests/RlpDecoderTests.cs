using Autonet.Chain.Rlp;
using Autonet.Core.Codecs;

namespace Autonet.Chain.Tests;

public class RlpDecoderTests
{
    [Theory]
    [InlineData("8100", "single byte 0x00")] // a byte below 0x80 must not carry a prefix
    [InlineData("b80100", "non-canonical: long form")] // long form for a 1-byte payload
    [InlineData("b90038", "leading zero")]
    [InlineData("b800", "leading zero")]
    [InlineData("83646f", "truncated")]
    [InlineData("83646f6700", "trailing")]
    [InlineData("c3836f", "truncated")]
    [InlineData("", "truncated")]
    public void TryDecode_Malformed_ReturnsFalseNamingProblem(string hex, string expected)
    {
        Assert.False(RlpDecoder.TryDecode(Hex.Decode(hex), out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Malformed_ThrowsFormatException()
    {
        var error = Assert.Throws<FormatException>(() => RlpDecoder.Decode(Hex.Decode("8100")));
        Assert.StartsWith("RLP:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RandomNested_RoundTrips()
    {
        var random = new Random(1234);
        for (var trial = 0; trial < 200; trial++)
        {
            var encoded = RandomItem(random, 0);
            var decoded = RlpDecoder.Decode(encoded);
            Assert.Equal(encoded, Reencode(decoded));
        }
    }

    private static byte[] RandomItem(Random random, int depth)
    {
        if (depth < 3 && random.Next(3) == 0)
        {
            return RlpEncoder.EncodeList(Enumerable.Range(0, random.Next(5)).Select(_ => RandomItem(random, depth + 1)).ToArray());
        }
        var bytes = new byte[random.Next(3) == 0 ? random.Next(60, 300) : random.Next(3)];
        random.NextBytes(bytes);
        return RlpEncoder.EncodeBytes(bytes);
    }

    private static byte[] Reencode(RlpItem item) =>
        item.IsList ? RlpEncoder.EncodeList(item.Items.Select(Reencode).ToArray()) : RlpEncoder.EncodeBytes(item.Bytes);
}
