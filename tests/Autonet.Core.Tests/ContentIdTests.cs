using System.Text;
using Autonet.Core.Ids;

namespace Autonet.Core.Tests;

public class ContentIdTests
{
    [Fact]
    public void Of_HelloWorld_MatchesIpfsCid() =>
        Assert.Equal("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e", ContentId.Of(Encoding.UTF8.GetBytes("hello world")).ToString());

    [Fact]
    public void Parse_Formatted_RoundTrips()
    {
        for (var size = 0; size < 40; size++)
        {
            var id = ContentId.Of(new byte[size]);
            Assert.Equal(id, ContentId.Parse(id.ToString()));
            Assert.StartsWith("bafkrei", id.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Matches_OtherBytes_ReturnsFalse()
    {
        var id = ContentId.Of("a"u8);
        Assert.True(id.Matches("a"u8));
        Assert.False(id.Matches("b"u8));
    }

    [Theory]
    [InlineData("", "multibase prefix")]
    [InlineData("Qmabc", "multibase prefix")]
    [InlineData("bafkrei!!", "is 59 characters")]
    [InlineData("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n!!", "base32")]
    [InlineData("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", "raw codec")]
    [InlineData("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n", "is 59 characters")]
    public void Parse_Malformed_ThrowsNamingValueAndRule(string text, string rule)
    {
        var error = Assert.Throws<FormatException>(() => ContentId.Parse(text));
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.False(ContentId.TryParse(text, out _));
    }
}
