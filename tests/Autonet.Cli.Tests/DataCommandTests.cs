using System.Text.Json;
using SkiaSharp;

namespace Autonet.Cli.Tests;

/// <summary>Consent through the real program, `data status` counting by reason, and `data watch` filling feed.db.</summary>
public sealed class DataCommandTests : IDisposable
{
    private const string OptIn = "autonet config set data.train_on_agent_data true";
    private readonly string _home = CliProcess.NewHome();
    private readonly string _data = Directory.CreateTempSubdirectory("autonet-cli-data-").FullName;

    public void Dispose()
    {
        Directory.Delete(_data, recursive: true);
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private string Conversations => Path.Combine(_data, "conversations");

    [Theory]
    [InlineData("train", "--modality", "text", "--text-dir", "{conversations}")]
    [InlineData("train", "--modality", "text")]
    [InlineData("decoder", "train", "--model", "/nonexistent-autonet/m.safetensors", "--out", "/tmp/x", "--conversations", "{conversations}")]
    [InlineData("data", "watch", "--once")]
    [InlineData("network", "run", "--modality", "text", "--text-dir", "{conversations}")]
    public async Task UserData_WithoutConsent_ExitsOneWithOneLineSayingHowToOptIn(params string[] arguments)
    {
        Write("conversations/a.jsonl", Line("user", "hello"));
        var args = arguments.Select(a => a.Replace("{conversations}", Conversations, StringComparison.Ordinal)).ToList();
        if (args[0] == "train")
        {
            args.InsertRange(1, ["--out", Path.Combine(_data, "run")]);
        }

        var result = await CliProcess.RunAsync(["--home", _home, .. args]);

        Assert.True(result.Code == 1, result.ToString());
        Assert.Contains("data.train_on_agent_data is false", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(OptIn, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(_home, "feed.db")));
    }

    [Fact]
    public async Task Status_WithConsent_CountsWhatWasUsedExcludedScrubbedAndSkipped()
    {
        Write("conversations/a.jsonl", Line("user", "mail bob@example.org") + "{\"role\":\"user\",\"content\":\"zebra diary\n" + Line("assistant", "fine"));
        Write("conversations/private/b.jsonl", Line("user", "diary"));
        Write("agents/coder/execution.jsonl", Line("tool", "ran tests") + "\n");
        var png = Png();
        Write("frames/ok.png", png);
        Write("frames/cut.png", png[..(png.Length / 2)]);
        Write("frames/readme.txt", "words"u8.ToArray());
        File.SetLastWriteTimeUtc(Path.Combine(_data, "frames/cut.png"), DateTime.UtcNow.AddSeconds(-10));
        File.SetLastWriteTimeUtc(Path.Combine(_data, "frames/readme.txt"), DateTime.UtcNow.AddSeconds(-20));
        await SetAsync("data.train_on_agent_data", "true");
        await SetAsync("data.screen_capture", "true");
        await SetAsync("data.conversations_directory", Conversations);
        await SetAsync("data.agents_directory", Path.Combine(_data, "agents"));
        await SetAsync("data.frames_directory", Path.Combine(_data, "frames"));
        await SetAsync("data.exclusion_patterns", "glob:conversations/private/**");

        var result = await CliProcess.RunAsync("--home", _home, "data", "status", "--json");

        Assert.True(result.Code == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var text = json.RootElement.GetProperty("text");
        Assert.Equal(2, text.GetProperty("filesRead").GetInt32());
        Assert.Equal(1, text.GetProperty("filesExcluded").GetInt32());
        Assert.Equal(3, text.GetProperty("recordsUsed").GetInt32());
        Assert.Equal(1, text.GetProperty("skipped").GetProperty("corruptJson").GetInt32());
        Assert.Equal(1, text.GetProperty("skipped").GetProperty("empty").GetInt32());
        Assert.Equal(1, text.GetProperty("scrubbed").GetProperty("Email").GetInt32());
        var frames = json.RootElement.GetProperty("frames");
        Assert.Equal(1, frames.GetProperty("used").GetInt32());
        Assert.Equal(1, frames.GetProperty("truncated").GetInt32());
        Assert.Equal(1, frames.GetProperty("notImage").GetInt32());
        var lines = text.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Equal(["conversations/a.jsonl line 2: corrupt JSON (not one JSON object; cut short or hand-edited?)", "agents/coder/execution.jsonl line 2: empty (a blank line, or content of white space only)"], lines);
        var files = frames.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(files, r => r.StartsWith("frames/cut.png: truncated Png (", StringComparison.Ordinal));
        Assert.Contains(files, r => r.StartsWith("frames/readme.txt: not an image (5 bytes", StringComparison.Ordinal));
        Assert.DoesNotContain("zebra", result.Stdout, StringComparison.Ordinal); // a reason says where and why, never what the line said
    }

    [Fact]
    public async Task Watch_Once_PutsNewInteractionsInFeedDbAndABatch()
    {
        Write("conversations/a.jsonl", Line("user", "one") + Line("assistant", "two"));
        await SetAsync("data.train_on_agent_data", "true");
        await SetAsync("data.conversations_directory", Conversations);
        await SetAsync("data.agents_directory", Path.Combine(_data, "agents"));

        var watch = await CliProcess.RunAsync("--home", _home, "data", "watch", "--once", "--batch-interactions", "2", "--json");

        Assert.True(watch.Code == 0, watch.ToString());
        var batch = watch.Stdout.Split('\n').Select(l => l.Trim()).First(l => l.Contains("\"batch\"", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(batch);
        Assert.Equal(2, json.RootElement.GetProperty("interactions").GetInt32());
        var status = await CliProcess.RunAsync("--home", _home, "data", "status", "--json");
        using var after = JsonDocument.Parse(status.Stdout);
        Assert.Equal(2, after.RootElement.GetProperty("feed").GetProperty("interactions").GetInt32());
        Assert.Equal(2, after.RootElement.GetProperty("feed").GetProperty("taken").GetInt64());
    }

    [Fact]
    public async Task Watch_OnceTrain_TrainsTheBatchAndCheckpoints()
    {
        Write("conversations/a.jsonl", Line("user", "what is apt?") + "{corrupt\n" + Line("assistant", "a package manager"));
        await SetAsync("data.train_on_agent_data", "true");
        await SetAsync("data.conversations_directory", Conversations);
        await SetAsync("data.agents_directory", Path.Combine(_data, "agents"));

        var watch = await CliProcess.RunAsync("--home", _home, "data", "watch", "--once", "--train", "--batch-interactions", "2", "--max-tokens", "16", "--json");

        Assert.True(watch.Code == 0, watch.ToString());
        var batch = watch.Stdout.Split('\n').Select(l => l.Trim()).First(l => l.Contains("\"batch\"", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(batch);
        var trained = json.RootElement.GetProperty("trained");
        Assert.Equal(1, trained.GetProperty("modelStep").GetInt32());
        Assert.Equal(2, trained.GetProperty("last").GetInt64());
        Assert.True(File.Exists(Path.Combine(_home, "feed-model", "checkpoint.safetensors")));
        Assert.Contains("corrupt JSON 1", watch.Stdout, StringComparison.Ordinal); // counted and skipped, with the reason
    }

    [Fact]
    public async Task Watch_OnceTrainWithScreenCapture_VlJepaOnPairsTextOnlyAndVisualOnlyWithLossByModality()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        Write("conversations/a.jsonl", Line("user", "what is apt?", at) + Line("assistant", "a package manager", at.AddSeconds(40)));
        Write("frames/shown.png", Png());
        Write("frames/later.png", Png());
        File.SetLastWriteTimeUtc(Path.Combine(_data, "frames/shown.png"), at.AddSeconds(1).UtcDateTime); // within 2 s of the first turn
        File.SetLastWriteTimeUtc(Path.Combine(_data, "frames/later.png"), at.AddSeconds(20).UtcDateTime); // between the turns, near neither
        await SetAsync("data.train_on_agent_data", "true");
        await SetAsync("data.screen_capture", "true");
        await SetAsync("data.conversations_directory", Conversations);
        await SetAsync("data.agents_directory", Path.Combine(_data, "agents"));
        await SetAsync("data.frames_directory", Path.Combine(_data, "frames"));

        var watch = await CliProcess.RunAsync("--home", _home, "data", "watch", "--once", "--train", "--batch-interactions", "4", "--json");

        Assert.True(watch.Code == 0, watch.ToString());
        var batch = watch.Stdout.Split('\n').Select(l => l.Trim()).First(l => l.Contains("\"batch\"", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(batch);
        var trained = json.RootElement.GetProperty("trained");
        Assert.Equal((1, 1, 1), (trained.GetProperty("paired").GetInt32(), trained.GetProperty("textOnly").GetInt32(), trained.GetProperty("visualOnly").GetInt32()));
        foreach (var part in new[] { "imageLoss", "textLoss", "crossModalLoss" })
        {
            Assert.Equal(JsonValueKind.Number, trained.GetProperty(part).ValueKind);
        }
        Assert.True(File.Exists(Path.Combine(_home, "feed-vl-model", "checkpoint.safetensors")));
        var human = await CliProcess.RunAsync("--home", _home, "data", "watch", "--once", "--train", "--modality", "image");
        Assert.Equal(2, human.Code);
        Assert.Contains("--modality image", human.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_ThenResume_StatusShowsIt()
    {
        await SetAsync("data.screen_capture", "true");
        await SetAsync("data.capture_display", ":57");

        Assert.Equal(0, (await CliProcess.RunAsync("--home", _home, "data", "pause")).Code);
        var paused = await CliProcess.RunAsync("--home", _home, "data", "status");
        Assert.Equal(0, (await CliProcess.RunAsync("--home", _home, "data", "resume")).Code);
        var resumed = await CliProcess.RunAsync("--home", _home, "data", "status");

        Assert.Contains("the live X display :57; paused", paused.Stdout, StringComparison.Ordinal);
        Assert.Contains("the live X display :57", resumed.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("paused", resumed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_RemoteCaptureDisplay_Refused()
    {
        var result = await CliProcess.RunAsync("--home", _home, "config", "set", "data.capture_display", "remote:0");

        Assert.NotEqual(0, result.Code);
        Assert.Contains("remote:0", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("local X display", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pairs_HeldoutNotBelowCount_NamesTheFlag()
    {
        var result = await CliProcess.RunAsync("--home", _home, "data", "pairs", "--out", Path.Combine(_data, "pairs"), "--count", "10", "--heldout", "10");

        Assert.NotEqual(0, result.Code);
        Assert.Contains("--heldout", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pairs_TooFewColumns_IsAUsageErrorNamingTheRange()
    {
        var result = await CliProcess.RunAsync("--home", _home, "data", "pairs", "--out", Path.Combine(_data, "pairs"), "--columns", "8");

        Assert.Equal(2, result.Code);
        Assert.Contains("--columns 8: must be 16..400", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_BadBatchSize_IsAUsageError()
    {
        var result = await CliProcess.RunAsync("--home", _home, "data", "watch", "--batch-interactions", "0");
        Assert.Equal(2, result.Code);
        Assert.Contains("--batch-interactions", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("1..4096", result.Stderr, StringComparison.Ordinal);
    }

    private async Task SetAsync(string key, string value)
    {
        var result = await CliProcess.RunAsync("--home", _home, "config", "set", key, value);
        Assert.True(result.Code == 0, result.ToString());
    }

    private void Write(string relative, string text) => Write(relative, System.Text.Encoding.UTF8.GetBytes(text));

    private void Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(_data, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!); // under _data
        File.WriteAllBytes(path, bytes);
    }

    private static string Line(string role, string content) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["role"] = role, ["content"] = content }) + "\n";

    private static string Line(string role, string content, DateTimeOffset at) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["role"] = role, ["content"] = content, ["timestamp"] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }) + "\n";

    private static byte[] Png()
    {
        using var bitmap = new SKBitmap(32, 32);
        bitmap.Erase(SKColors.Gray);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
