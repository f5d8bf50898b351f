using System.Text.Json;
using System.Threading.Channels;
using Autonet.Data.Feed;
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
        Assert.Equal("windowsPerStep", Assert.Throws<ArgumentOutOfRangeException>(() => new FeedTrainer(CheckpointPath, Tiny, windowsPerStep: 0)).ParamName);
    }

    private static string Line(string role, string content) => JsonSerializer.Serialize(new Dictionary<string, string> { ["role"] = role, ["content"] = content }) + "\n";

    private static bool Contains(int[] haystack, int[] needle) =>
        Enumerable.Range(0, haystack.Length - needle.Length + 1).Any(i => haystack.AsSpan(i, needle.Length).SequenceEqual(needle));
}
