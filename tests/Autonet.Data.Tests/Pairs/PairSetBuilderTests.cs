using System.Text.Json;
using Autonet.Data.Pairs;
using SkiaSharp;

namespace Autonet.Data.Tests.Pairs;

/// <summary>A real, small build: Debian's descriptions in xterm on Xvfb, captured, aligned, written in the fixed format.</summary>
public sealed class PairSetBuilderTests : IDisposable
{
    private static readonly string[] Keys = ["id", "image", "text", "captured_at", "split"];
    private readonly string _out = Path.Combine(Directory.CreateTempSubdirectory("autonet-pairs-test-").FullName, "set");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_out)!, recursive: true); // _out is inside the temp folder

    [Fact]
    public void Build_TwentyPairs_FixedFormatImagesShowTextTurnsAtCaptureTimes()
    {
        var report = PairSetBuilder.Build(new PairSetOptions { OutDirectory = _out, Count = 20, Heldout = 5, ImageSize = 64 });

        Assert.Equal((20, 15, 5, 0), (report.Pairs, report.Train, report.Heldout, report.Unaligned));
        var lines = File.ReadAllLines(Path.Combine(_out, "pairs.jsonl"));
        var turns = File.ReadAllLines(Path.Combine(_out, "conversations", "turns.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(20, lines.Length);
        var previous = DateTimeOffset.MinValue;
        var texts = new HashSet<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var pair = JsonDocument.Parse(lines[i]).RootElement;
            Assert.Equal(Keys, pair.EnumerateObject().Select(p => p.Name));
            Assert.Equal(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), pair.GetProperty("id").GetString());
            Assert.Equal($"images/{pair.GetProperty("id").GetString()}.png", pair.GetProperty("image").GetString());
            var text = pair.GetProperty("text").GetString()!;
            Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(text), 10, 512);
            Assert.True(texts.Add(text), "texts are distinct");
            var at = pair.GetProperty("captured_at").GetString()!;
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", at);
            Assert.True(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture) > previous, "capture times increase");
            previous = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal((text, at), (turns[i].GetProperty("content").GetString(), turns[i].GetProperty("timestamp").GetString())); // the turn is the text at the capture time
            using var image = SKBitmap.Decode(Path.Combine(_out, pair.GetProperty("image").GetString()!));
            Assert.Equal((64, 64, SKColorType.Gray8), (image.Width, image.Height, image.ColorType));
            var grey = image.GetPixelSpan().ToArray();
            Assert.True(grey.Count(g => g > 200) > grey.Length / 2, "a white terminal");
            Assert.True(grey.Count(g => g < 160) > 20, "with dark text on it");
        }
        Assert.Equal(5, lines.Count(l => l.Contains("\"split\":\"heldout\"", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.Combine(_out, "conversations", Autonet.Data.Consent.CorpusFolder.MarkerFile)));
    }

    [Fact]
    public void Build_NonEmptyOutput_RefusedNamingIt()
    {
        Directory.CreateDirectory(_out);
        File.WriteAllText(Path.Combine(_out, "old.txt"), "x");

        var error = Assert.Throws<ArgumentException>(() => PairSetBuilder.Build(new PairSetOptions { OutDirectory = _out, Count = 4, Heldout = 1 }));

        Assert.Equal("--out", error.ParamName);
    }

    [Theory]
    [InlineData(1, 1, "--count")]
    [InlineData(10, 10, "--heldout")]
    [InlineData(10, 0, "--heldout")]
    public void Validate_BadCounts_NameTheFlag(int count, int heldout, string flag) =>
        Assert.Equal(flag, Assert.Throws<ArgumentException>(() => new PairSetOptions { OutDirectory = "x", Count = count, Heldout = heldout }.Validate()).ParamName);
}
