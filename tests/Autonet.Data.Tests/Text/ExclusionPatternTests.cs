using Autonet.Data.Text;

namespace Autonet.Data.Tests.Text;

public class ExclusionPatternTests
{
    [Theory]
    [InlineData("glob:agents/secret-*/**", "agents/secret-bot/execution.jsonl", true)]
    [InlineData("glob:agents/secret-*/**", "agents/public-bot/execution.jsonl", false)]
    [InlineData("conversations/*.jsonl", "conversations/a.jsonl", true)]
    [InlineData("conversations/*.jsonl", "conversations/2024/a.jsonl", false)]
    [InlineData("conversations/**/*.jsonl", "conversations/2024/01/a.jsonl", true)]
    [InlineData("conversations/**/*.jsonl", "conversations/a.jsonl", true)]
    [InlineData("**/private?.jsonl", "conversations/x/private1.jsonl", true)]
    [InlineData("**/[!a]*.jsonl", "conversations/b.jsonl", true)]
    [InlineData("**/[!a]*.jsonl", "conversations/a.jsonl", false)]
    [InlineData("glob:secret", "conversations/secret.jsonl", false)] // whole path, never a substring
    public void MatchesPath_Glob_MatchesWholePath(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, ExclusionPattern.Parse(pattern).MatchesPath(path));
    }

    [Fact]
    public void MatchesContent_Regex_MatchesRecordsNotPaths()
    {
        var pattern = ExclusionPattern.Parse(@"regex:(?i)\bconfidential\b");
        Assert.False(pattern.IsGlob);
        Assert.True(pattern.MatchesContent("This is CONFIDENTIAL."));
        Assert.False(pattern.MatchesContent("nonconfidentiality"));
        Assert.False(pattern.MatchesPath("conversations/confidential.jsonl"));
    }

    [Theory]
    [InlineData("regex:(unclosed", "not a .NET regex")]
    [InlineData("regex:", "empty")]
    [InlineData("glob:", "empty")]
    [InlineData("glob:a[bc", "no closing ']'")]
    [InlineData("x[", "no closing ']'")]
    public void Parse_BadPattern_ThrowsNamingPattern(string pattern, string rule)
    {
        var ex = Assert.Throws<ArgumentException>(() => ExclusionPattern.Parse(pattern));
        Assert.Equal("pattern", ex.ParamName);
        Assert.Contains(rule, ex.Message, StringComparison.Ordinal);
        Assert.Contains(pattern, ex.Message, StringComparison.Ordinal);
    }
}
