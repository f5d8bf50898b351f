using Autonet.Data.Text;

namespace Autonet.Data.Tests.Text;

public class ByteTokenizerTests
{
    [Theory]
    [InlineData("")]
    [InlineData("hello, world")]
    [InlineData("Grüße aus Köln — 東京 🎤 [Voice Input]")]
    [InlineData("line1\nline2\t\0end")]
    public void EncodeDecode_AnyText_RoundTrips(string text)
    {
        Assert.Equal(text, ByteTokenizer.Decode(ByteTokenizer.Encode(text)));
        Assert.Equal(text, ByteTokenizer.Decode(ByteTokenizer.Encode(text, addBosEos: true)));
    }

    [Fact]
    public void Encode_AllBytes_MapToIdsFourTo259()
    {
        var bytes = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        var ids = ByteTokenizer.EncodeBytes(bytes);
        Assert.Equal(Enumerable.Range(4, 256), ids);
        Assert.Equal(bytes, ByteTokenizer.DecodeBytes(ids));
        Assert.Equal(260, ByteTokenizer.VocabSize);
    }

    [Fact]
    public void Encode_WithBosEos_WrapsAndDecodeSkipsSpecials()
    {
        var ids = ByteTokenizer.Encode("A", addBosEos: true);
        Assert.Equal(new[] { ByteTokenizer.Bos, 'A' + 4, ByteTokenizer.Eos }, ids);
        Assert.Equal("A", ByteTokenizer.Decode([ByteTokenizer.Pad, .. ids, ByteTokenizer.Mask, ByteTokenizer.Pad]));
    }

    [Fact]
    public void Decode_IdOutOfVocabulary_ThrowsNamingPosition()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ByteTokenizer.Decode([5, 260]));
        Assert.Equal("ids", ex.ParamName);
        Assert.Contains("position 1", ex.Message, StringComparison.Ordinal);
    }
}
