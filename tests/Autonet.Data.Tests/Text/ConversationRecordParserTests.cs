using System.Text;
using Autonet.Data.Text;

namespace Autonet.Data.Tests.Text;

public class ConversationRecordParserTests
{
    [Theory]
    [InlineData("", RecordParseResult.Empty)]
    [InlineData("   \t", RecordParseResult.Empty)]
    [InlineData("{\"role\":\"user\",\"content\":\"  \"}", RecordParseResult.Empty)]
    [InlineData("{\"role\":\"user\",\"content\":\"hi\"", RecordParseResult.CorruptJson)]
    [InlineData("[1,2]", RecordParseResult.CorruptJson)]
    [InlineData("not json", RecordParseResult.CorruptJson)]
    [InlineData("{\"content\":\"hi\"}", RecordParseResult.MissingFields)]
    [InlineData("{\"role\":\"user\"}", RecordParseResult.MissingFields)]
    [InlineData("{\"role\":\"user\",\"content\":42}", RecordParseResult.MissingFields)]
    [InlineData("{\"role\":\"user\",\"content\":\"\\ud800 lone\"}", RecordParseResult.InvalidUtf8)]
    [InlineData("{\"role\":\"user\",\"content\":\"hi\",\"timestamp\":\"2025-01-01T00:00:00Z\"}", RecordParseResult.Ok)]
    public void TryParse_Line_ClassifiesIt(string line, RecordParseResult expected)
    {
        Assert.Equal(expected, ConversationRecordParser.TryParse(Encoding.UTF8.GetBytes(line), out _));
    }

    [Fact]
    public void TryParse_InvalidUtf8Bytes_ReportsInvalidUtf8()
    {
        byte[] line = [.. "{\"role\":\"user\",\"content\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        Assert.Equal(RecordParseResult.InvalidUtf8, ConversationRecordParser.TryParse(line, out var record));
        Assert.Null(record);
    }

    [Fact]
    public void TryParse_LeadingByteOrderMark_Ignored()
    {
        byte[] line = [0xEF, 0xBB, 0xBF, .. "{\"role\":\"user\",\"content\":\"hi\"}"u8];
        Assert.Equal(RecordParseResult.Ok, ConversationRecordParser.TryParse(line, out var record));
        Assert.Equal("hi", record!.Content);
    }

    [Fact]
    public void TryParse_ContentBlocks_JoinsTextParts()
    {
        var line = "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"image\"},\"b\"],\"timestamp\":1700000000}"u8;
        Assert.Equal(RecordParseResult.Ok, ConversationRecordParser.TryParse(line, out var record));
        Assert.Equal(new ConversationRecord("assistant", "a\nb", "1700000000"), record);
    }
}
