using Autonet.Data.Pairs;
using Autonet.Tests.Pairs;

namespace Autonet.Data.Tests.Pairs;

public sealed class PairFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autonet-pairs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Read_RenderedFolder_DecodesEveryPairWithItsSplit()
    {
        var texts = RenderedPairs.Write(_dir, count: 6, heldOut: 2, size: 32);
        var (pairs, stats) = PairFolder.Read(_dir, imageSize: 16);
        Assert.Equal(texts, pairs.Select(p => p.Text));
        Assert.Equal([false, false, false, false, true, true], pairs.Select(p => p.HeldOut));
        Assert.All(pairs, p => Assert.Equal(16 * 16, p.Pixels.Length));
        Assert.True(pairs[0].Pixels.Max() > pairs[0].Pixels.Min(), "a rendered text is not a flat image");
        Assert.Equal((4, 2, 0, 0), (stats.Train, stats.HeldOut, stats.SkippedBadLine, stats.SkippedBadImage));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 18, 0, 1, TimeSpan.Zero), pairs[1].CapturedAt);
    }

    [Fact]
    public void Read_BadLinesAndImages_AreSkippedAndCountedWithTheReason()
    {
        RenderedPairs.Write(_dir, count: 2, heldOut: 1, size: 32);
        File.WriteAllBytes(Path.Combine(_dir, "images", "cut.png"), File.ReadAllBytes(Path.Combine(_dir, "images", "000000.png"))[..^40]);
        File.WriteAllText(Path.Combine(_dir, "images", "note.png"), "not an image");
        string[] bad =
        [
            "{not json",
            """{"id": "a", "image": "images/000000.png", "text": "x", "captured_at": "2026-12-01T18:00:00Z", "split": "test"}""",
            """{"id": "b", "image": "images/000000.png", "captured_at": "2026-12-01T18:00:00Z", "split": "train"}""",
            """{"id": "000000", "image": "images/000000.png", "text": "again", "captured_at": "2026-12-01T18:00:00Z", "split": "train"}""",
            """{"id": "c", "image": "../outside.png", "text": "x", "captured_at": "2026-12-01T18:00:00Z", "split": "train"}""",
            """{"id": "d", "image": "images/cut.png", "text": "x", "captured_at": "2026-12-01T18:00:00Z", "split": "train"}""",
            """{"id": "e", "image": "images/note.png", "text": "x", "captured_at": "2026-12-01T18:00:00Z", "split": "train"}""",
            """{"id": "f", "image": "images/none.png", "text": "x", "captured_at": "yesterday", "split": "train"}""",
        ];
        File.AppendAllLines(Path.Combine(_dir, PairFolder.FileName), bad);
        var (pairs, stats) = PairFolder.Read(_dir, imageSize: 16);
        Assert.Equal(2, pairs.Count);
        Assert.Equal((5, 3), (stats.SkippedBadLine, stats.SkippedBadImage));
        var reasons = string.Join("\n", stats.Reasons);
        Assert.Contains("pairs.jsonl:3: not JSON", reasons, StringComparison.Ordinal);
        Assert.Contains("split 'test' must be", reasons, StringComparison.Ordinal);
        Assert.Contains("field \"text\" must be a non-empty string", reasons, StringComparison.Ordinal);
        Assert.Contains("id '000000' repeats", reasons, StringComparison.Ordinal);
        Assert.Contains("image '../outside.png': must be a path inside the pair folder", reasons, StringComparison.Ordinal);
        Assert.Contains("image 'images/cut.png': truncated Png", reasons, StringComparison.Ordinal);
        Assert.Contains("image 'images/note.png': not an image", reasons, StringComparison.Ordinal);
        Assert.Contains("captured_at 'yesterday' is not an ISO 8601 time", reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoPairsFile_ThrowsNamingTheFile()
    {
        var error = Assert.Throws<FileNotFoundException>(() => PairFolder.Read(_dir, 16));
        Assert.Contains(Path.Combine(_dir, "pairs.jsonl"), error.Message, StringComparison.Ordinal);
    }
}
