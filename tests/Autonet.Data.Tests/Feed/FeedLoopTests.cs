using System.Threading.Channels;
using Autonet.Data.Feed;
using Autonet.Data.Text;
using Microsoft.Extensions.Time.Testing;

namespace Autonet.Data.Tests.Feed;

public sealed class FeedLoopTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private readonly FeedFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task RunAsync_NewInteraction_InABatchWithinOneCycle()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        using var buffer = FeedBuffer.Open(_files.Database, time: clock);
        var loop = new FeedLoop(new FeedWatcher(_files.Config(), buffer), null, buffer, new FeedBatcher(buffer, newInteractions: 3, maxSeqLength: 64), Poll, clock);
        var batches = Channel.CreateUnbounded<FeedBatch>();
        var cycles = Channel.CreateUnbounded<int>();
        loop.CycleCompleted += c => cycles.Writer.TryWrite(c);
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => loop.RunAsync((b, ct) => batches.Writer.WriteAsync(b, ct).AsTask(), stop.Token));
        Assert.Equal(1, await cycles.Reader.ReadAsync()); // cycle 1 polled nothing; its wait is on the clock

        _files.Append("conversations/chat.jsonl", FeedFiles.Line("user", "first") + FeedFiles.Line("assistant", "second"));
        clock.Advance(Poll); // cycle 2: two new interactions, fewer than N = 3: no batch
        Assert.Equal(2, await cycles.Reader.ReadAsync());
        Assert.False(batches.Reader.TryRead(out _));

        _files.Append("conversations/chat.jsonl", FeedFiles.Line("user", "the new interaction"));
        clock.Advance(Poll); // cycle 3: the third arrives, so this cycle's batch holds it
        Assert.Equal(3, await cycles.Reader.ReadAsync());
        Assert.True(batches.Reader.TryRead(out var batch));

        Assert.Equal(["first", "second", "the new interaction"], batch.Interactions.Select(i => i.Content));
        var texts = Enumerable.Range(0, batch.Text!.BatchSize).Select(b => ByteTokenizer.Decode(batch.Text!.TokenIds.AsSpan(b * batch.Text!.SeqLength, batch.Text!.SeqLength).ToArray())).ToList();
        Assert.Contains("user: the new interaction\n", texts);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public void TryTake_FewerThanN_TakesNothing()
    {
        using var buffer = FeedBuffer.Open(_files.Database);
        var batcher = new FeedBatcher(buffer, newInteractions: 2, maxSeqLength: 64);
        buffer.Append("a", "user", "only one", null);

        Assert.Null(batcher.TryTake());
        Assert.Equal(1, batcher.Pending);
        buffer.Append("a", "user", "two", null);
        Assert.Equal(2, batcher.TryTake()!.Interactions.Count);
        Assert.Equal(0, batcher.Pending);
    }

    [Fact]
    public void TryTake_AfterRestart_ContinuesAfterWhatWasTaken()
    {
        using (var buffer = FeedBuffer.Open(_files.Database))
        {
            buffer.Append("a", "user", "taken", null);
            Assert.NotNull(new FeedBatcher(buffer, 1, 64).TryTake());
            buffer.Append("a", "user", "not yet taken", null);
        }
        using var reopened = FeedBuffer.Open(_files.Database);

        Assert.Equal("not yet taken", Assert.Single(new FeedBatcher(reopened, 1, 64).TryTake()!.Interactions).Content);
    }

    [Theory]
    [InlineData(0, 64, "batch_interactions")]
    [InlineData(5000, 64, "batch_interactions")]
    [InlineData(2, 8, "max_seq_length")]
    public void Constructor_BadOption_NamesIt(int n, int tokens, string name)
    {
        using var buffer = FeedBuffer.Open(_files.Database);
        Assert.Equal(name, Assert.Throws<ArgumentException>(() => new FeedBatcher(buffer, n, tokens)).ParamName);
    }
}
