using Autonet.Data.Pairs;

namespace Autonet.Data.Tests.Pairs;

public sealed class DebianTextsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("autonet-debtexts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_StatusFile_FullDescriptionsDeduplicatedAndNonAsciiDropped()
    {
        var status = Path.Combine(_folder, "status");
        File.WriteAllText(status, """
            Package: bash
            Status: install ok installed
            Description: GNU Bourne Again SHell
             Bash is an sh-compatible command language interpreter.
             .
             It incorporates useful features.
            Homepage: https://example.org

            Package: bash-twin
            Description: GNU Bourne Again SHell
             the same synopsis: dropped

            Package: cafe
            Description: café tools
             not ASCII: dropped

            Package: zsh
            Description: shell with lots of features

            """.Replace("\r", "", StringComparison.Ordinal));

        var texts = DebianTexts.Read(10, 512, status, Path.Combine(_folder, "no-lists"));

        Assert.Equal([("bash", "bash: GNU Bourne Again SHell. Bash is an sh-compatible command language interpreter. It incorporates useful features."), ("zsh", "zsh: shell with lots of features.")], texts);
    }

    [Fact]
    public void Compose_LongText_CutAtAWordWithinTheLimit()
    {
        var text = DebianTexts.Compose("pkg", "a synopsis", string.Join(' ', Enumerable.Repeat("word", 40)), 64)!;

        Assert.True(text.Length <= 64, text);
        Assert.StartsWith("pkg: a synopsis. word word", text, StringComparison.Ordinal);
        Assert.EndsWith("word", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("one two three", 7, new[] { "one two", "three" })]
    [InlineData("abcdefghij", 4, new[] { "abcd", "efgh", "ij" })]
    [InlineData("  spaced   out  ", 20, new[] { "spaced out" })]
    public void Lines_WrapsAtWordsAndSplitsLongWords(string text, int columns, string[] expected) =>
        Assert.Equal(expected, TextWrap.Lines(text, columns));
}
