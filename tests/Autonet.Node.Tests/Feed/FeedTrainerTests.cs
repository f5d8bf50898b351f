using System.Text.Json;
using System.Threading.Channels;
using Autonet.Data.Feed;
using Autonet.Data.Frames;
using Autonet.Data.Text;
using Autonet.Models.Jepa;
using Autonet.Node.Feed;
using Microsoft.Extensions.Time.Testing;

namespace Autonet.Node.Tests.Feed;

/// <summary>The live feed trains the local model: real files, a real SQLite buffer, a fake clock, real training steps.</summary>
public sealed class FeedTrainerTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private static readonly JepaConfig Tiny = new() { Modality = Modality.Text, MaxTokens = 16, Width = 16, Depth = 1, Heads = 2, PredictorWidth = 8, PredictorDepth = 1, PredictorHeads = 2 };
    private readonly string _root = Directory.CreateTempSubdirectory("autonet-feedtrain-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Conversations => Path.Combine(_root, "conversations");

    private string CheckpointPath => Path.Combine(_root, "model", "checkpoint.safetensors");

    [Fact]
    public async Task RunAsync_NewInteraction_TrainedWithinOneCycleAndWeightsChange()
    {
        Directory.CreateDirectory(Conversations);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.Zero));
        using var buffer = FeedBuffer.Open(Path.Combine(_root, "feed.db"), time: clock);
        var config = new TextDataConfig { TrainOnAgentData = true, ConversationsDirectory = Conversations, AgentsDirectory = "", MaxSeqLength = 64 };
        var loop = new FeedLoop(new FeedWatcher(config, buffer), null, buffer, new FeedBatcher(buffer, newInteractions: 2, maxSeqLength: 64), Poll, clock);
        var trainer = new FeedTrainer(CheckpointPath, Tiny, windowsPerStep: 4);
        var before = trainer.Model.Encoder.Values.ToArray();
        var trained = Channel.CreateUnbounded<(FeedBatch Batch, FeedTrainingResult Result)>();
        var cycles = Channel.CreateUnbounded<int>();
        loop.CycleCompleted += c => cycles.Writer.TryWrite(c);
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => loop.RunAsync((b, ct) => trained.Writer.WriteAsync((b, trainer.Train(b, ct)), ct).AsTask(), stop.Token));
        Assert.Equal(1, await cycles.Reader.ReadAsync()); // nothing written yet: no batch, no step
        Assert.Equal(0, trainer.Steps);

        File.AppendAllText(Path.Combine(Conversations, "chat.jsonl"), Line("user", "what does apt-get do?") + "{not json\n" + Line("assistant", "the new interaction"));
        clock.Advance(Poll); // one cycle later
        Assert.Equal(2, await cycles.Reader.ReadAsync());
        Assert.True(trained.Reader.TryRead(out var got), "the batch of this cycle was trained on");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.Equal(["what does apt-get do?", "the new interaction"], got.Batch.Interactions.Select(i => i.Content));
        var stream = FeedTrainer.Windows(got.Batch, Tiny.MaxTokens).SelectMany(w => w).ToArray();
        Assert.True(Contains(stream, ByteTokenizer.Encode("assistant: the new interaction\n", addBosEos: false)), "the new interaction's tokens are in the trained windows");
        Assert.Single(got.Result.Losses); // 29 + 33 = 62 tokens -> 4 windows of 16 -> one step of 4
        Assert.Equal(1, trainer.Steps);
        Assert.NotEqual(before, trainer.Model.Encoder.Values);
        var resumed = new FeedTrainer(CheckpointPath, Tiny, windowsPerStep: 4);
        Assert.Equal(1, resumed.Steps);
        Assert.Equal(trainer.Model.Encoder.Values, resumed.Model.Encoder.Values);
    }

    [Fact]
    public async Task RunAsync_TurnsAndFrameFiles_VlJepaTrainsPairsTextOnlyAndVisualOnlyWithinOneCycle()
    {
        Directory.CreateDirectory(Conversations);
        var frames = Path.Combine(_root, "frames");
        var start = new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        using var buffer = FeedBuffer.Open(Path.Combine(_root, "feed.db"), time: clock);
        var text = new TextDataConfig { TrainOnAgentData = true, ConversationsDirectory = Conversations, AgentsDirectory = "", MaxSeqLength = 64 };
        var frameConfig = new FrameSourceConfig { ScreenCapture = true, FramesDirectory = frames, FrameSize = 28, FpsCap = 10, ExclusionPatterns = ["glob:frames/private/**"] };
        var source = new FrameFolderSource(frameConfig);
        var loop = new FeedLoop(new FeedWatcher(text, buffer), source, buffer, new FeedBatcher(buffer, newInteractions: 3, maxSeqLength: 64, withFrames: true), Poll, clock);
        var config = JepaConfig.Tiny(Modality.Multimodal); // 28² frames, 32 tokens
        var trainer = new FeedTrainer(CheckpointPath, config, windowsPerStep: 4);
        var before = trainer.Model.Encoder.Values.ToArray();
        var trained = Channel.CreateUnbounded<(FeedBatch Batch, FeedTrainingResult Result)>();
        var cycles = Channel.CreateUnbounded<int>();
        loop.CycleCompleted += c => cycles.Writer.TryWrite(c);
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => loop.RunAsync((b, ct) => trained.Writer.WriteAsync((b, trainer.Train(b, ct)), ct).AsTask(), stop.Token));
        Assert.Equal(1, await cycles.Reader.ReadAsync());

        Picture(Path.Combine(frames, "near.png"), 250, start.AddSeconds(1)); // 0.5 s from the first turn: its pair
        Picture(Path.Combine(frames, "alone.png"), 40, start.AddSeconds(15)); // between the turns, near neither: visual-only
        Picture(Path.Combine(frames, "private", "secret.png"), 120, start.AddSeconds(1.2)); // excluded: never opened
        File.WriteAllBytes(Path.Combine(frames, "cut.png"), File.ReadAllBytes(Path.Combine(frames, "near.png"))[..60]); // truncated: skipped
        File.SetLastWriteTimeUtc(Path.Combine(frames, "cut.png"), start.AddSeconds(1.4).UtcDateTime);
        File.AppendAllText(Path.Combine(Conversations, "chat.jsonl"), Line("user", "what does apt-get do?", start.AddSeconds(0.5)) + Line("assistant", "it installs", start.AddSeconds(30)));
        clock.Advance(Poll);
        Assert.Equal(2, await cycles.Reader.ReadAsync());
        Assert.True(trained.Reader.TryRead(out var got), "the batch of this cycle was trained on");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.Equal(["frames/near.png", null], got.Batch.Frames.Select(f => f?.Source));
        Assert.Equal("frames/alone.png", Assert.Single(got.Batch.VisualOnly).Source);
        var result = got.Result;
        Assert.Equal((1, 1, 1), (result.Paired, result.TextOnly, result.VisualOnly));
        Assert.NotNull(result.ImageLoss);
        Assert.NotNull(result.TextLoss);
        Assert.NotNull(result.CrossModalLoss);
        Assert.Single(result.Losses); // 3 samples -> one step of 4
        Assert.NotEqual(before, trainer.Model.Encoder.Values);
        Assert.Equal((1, 1), (source.Stats.FilesExcluded, source.Stats.SkippedTruncated));
        Assert.Equal(2, buffer.Stats().Frames);
        Assert.True(FileBytes(Path.Combine(_root, "feed.db")).AsSpan().IndexOf("secret.png"u8) < 0, "the excluded frame is nowhere in the buffer, not even its name");
        var resumed = new FeedTrainer(CheckpointPath, config, windowsPerStep: 4);
        Assert.Equal(1, resumed.Steps);
        Assert.Equal(trainer.Model.Encoder.Values, resumed.Model.Encoder.Values);
    }

    [Fact]
    public void Train_FrameOfAnotherSize_RefusedNamingBothSizes()
    {
        using var buffer = FeedBuffer.Open(Path.Combine(_root, "feed.db"));
        buffer.AppendFrame("frames/big.png", DateTimeOffset.UnixEpoch, 32, new float[32 * 32]);
        var batch = new FeedBatcher(buffer, 1, maxSeqLength: 64, withFrames: true).TryTake()!;
        var trainer = new FeedTrainer(CheckpointPath, JepaConfig.Tiny(Modality.Multimodal));

        var error = Assert.Throws<ArgumentException>(() => trainer.Train(batch));

        Assert.Contains("32x32; the model reads 28x28", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, trainer.Steps);
    }

    [Fact]
    public void Windows_ShortInteractions_FullWindowsInOrderWrappedAtTheEnd()
    {
        using var buffer = FeedBuffer.Open(Path.Combine(_root, "feed.db"));
        buffer.Append("a", "user", "hi", null);
        buffer.Append("a", "assistant", "hello there", null);
        var batch = new FeedBatcher(buffer, 2, maxSeqLength: 64).TryTake()!; // two interactions are in

        var windows = FeedTrainer.Windows(batch, 16);

        var stream = ByteTokenizer.Encode("user: hi\n", addBosEos: true).Concat(ByteTokenizer.Encode("assistant: hello there\n", addBosEos: true)).ToArray();
        Assert.Equal(3, windows.Count); // 11 + 25 = 36 tokens -> 3 windows of 16, the last completed by 12 from the start
        Assert.All(windows, w => Assert.Equal(16, w.Length));
        var flat = windows.SelectMany(w => w).ToArray();
        Assert.Equal(stream, flat[..stream.Length]);
        Assert.Equal(stream[..(flat.Length - stream.Length)], flat[stream.Length..]);
    }

    [Fact]
    public void Constructor_ImageConfigOrBadWindows_Refused()
    {
        Assert.Equal("config", Assert.Throws<ArgumentException>(() => new FeedTrainer(CheckpointPath, new JepaConfig { Modality = Modality.Image })).ParamName);
        new FeedTrainer(CheckpointPath, Tiny).Train(new FeedBatch([], null, [], [])); // nothing to train: no checkpoint
        Assert.False(File.Exists(CheckpointPath));
        Assert.Equal("windowsPerStep", Assert.Throws<ArgumentOutOfRangeException>(() => new FeedTrainer(CheckpointPath, Tiny, windowsPerStep: 0)).ParamName);
    }

    private static string Line(string role, string content) => JsonSerializer.Serialize(new Dictionary<string, string> { ["role"] = role, ["content"] = content }) + "\n";

    private static string Line(string role, string content, DateTimeOffset at) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["role"] = role, ["content"] = content, ["timestamp"] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }) + "\n";

    // A real PNG of one grey level, written with the given modification time (a frame's capture time).
    private static void Picture(string path, byte grey, DateTimeOffset at)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!); // a file path in a test folder has a folder
        using (var bitmap = new SkiaSharp.SKBitmap(40, 30))
        {
            bitmap.Erase(new SkiaSharp.SKColor(grey, grey, grey));
            using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
            using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, data.ToArray());
        }
        File.SetLastWriteTimeUtc(path, at.UtcDateTime);
    }

    // Every byte of a SQLite file and its WAL, as the disk holds them now.
    private static byte[] FileBytes(string database) =>
        [.. new[] { database, database + "-wal" }.Where(File.Exists).SelectMany(p => { using var s = new FileStream(p, FileMode.Open, FileAccess.Read, FileShare.ReadWrite); using var m = new MemoryStream(); s.CopyTo(m); return m.ToArray(); })];

    private static bool Contains(int[] haystack, int[] needle) =>
        Enumerable.Range(0, haystack.Length - needle.Length + 1).Any(i => haystack.AsSpan(i, needle.Length).SequenceEqual(needle));
}
