using System.Globalization;
using System.Threading.Channels;
using Autonet.Data.Feed;
using Autonet.Data.Frames;
using Autonet.Data.Screen;
using Autonet.Data.Tests.Screen;
using Microsoft.Extensions.Time.Testing;

namespace Autonet.Data.Tests.Feed;

/// <summary>
/// The live feed with a real screen: Xvfb, real X clients, real conversation files, a real SQLite buffer and a fake
/// clock. Turns and frames become pairs, text-only and visual-only samples within the cycle they arrive in, and a
/// frame is never taken while an excluded window is on screen.
/// </summary>
public sealed class FeedLoopCaptureTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 18, 0, 0, TimeSpan.Zero);
    private readonly FeedFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task RunAsync_ScreenAndTurns_PairsTextOnlyAndVisualOnlyWithinOneCycle()
    {
        using var server = XvfbServer.Start(64, 64);
        var clock = new FakeTimeProvider(Start);
        using var buffer = FeedBuffer.Open(_files.Database, time: clock);
        using var capture = new ScreenCaptureSource(new FrameSourceConfig { ScreenCapture = true, CaptureDisplay = server.Name, FpsCap = 1, FrameSize = 16, ExclusionPatterns = ["window:(?i)\\bbank\\b"] }, clock);
        var loop = new FeedLoop(new FeedWatcher(_files.Config(), buffer), capture, buffer, new FeedBatcher(buffer, newInteractions: 2, maxSeqLength: 64, withFrames: true), Poll, clock);
        var batches = Channel.CreateUnbounded<FeedBatch>();
        var cycles = Channel.CreateUnbounded<int>();
        loop.CycleCompleted += c => cycles.Writer.TryWrite(c);
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => loop.RunAsync((b, ct) => batches.Writer.WriteAsync(b, ct).AsTask(), stop.Token));
        Assert.Equal(1, await cycles.Reader.ReadAsync()); // cycle 1: the black root is grabbed at t = 0; one item < N = 2
        Assert.False(batches.Reader.TryRead(out _));

        FeedBatch second;
        using (X11Program.Show(server, "My Bank statement", "xmessage", "-title", "My Bank statement", "-geometry", "64x64+0+0", "secret balance"))
        {
            _files.Append("conversations/chat.jsonl", FeedFiles.Line("user", "a turn with no screen near it", At(5.5)));
            clock.Advance(Poll); // cycle 2 at t = 5 s: the bank window is up, so no frame; the turn and the t = 0 frame make N
            Assert.Equal(2, await cycles.Reader.ReadAsync());
            Assert.True(batches.Reader.TryRead(out second!), "the turn is in this cycle's batch");
        }
        Assert.Equal(["a turn with no screen near it"], second.Interactions.Select(i => i.Content));
        Assert.Equal([null], second.Frames); // 5.5 s from the only frame: text-only
        var visual = Assert.Single(second.VisualOnly); // and that frame, near no turn, is visual-only
        Assert.Equal(Start, visual.Captured);

        using (X11Program.Show(server, "notes", "xmessage", "-title", "notes", "-geometry", "64x64+0+0", "-bg", "white", "fine to capture"))
        {
            _files.Append("conversations/chat.jsonl", FeedFiles.Line("assistant", "a turn about the notes on screen", At(10.5)));
            clock.Advance(Poll); // cycle 3 at t = 10 s: the notes window is grabbed, 0.5 s before the turn: a pair
            Assert.Equal(3, await cycles.Reader.ReadAsync());
        }
        Assert.True(batches.Reader.TryRead(out var third), "the pair is in this cycle's batch");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        var frame = Assert.Single(third.Frames);
        Assert.Equal(Start + (2 * Poll), frame!.Captured);
        Assert.True(FrameDecoder.ToGrey(frame.Pixels).Count(g => g > 200) > frame.Pixels.Length / 2, "the frame shows the white notes window");
        Assert.Empty(third.VisualOnly); // its only new frame is paired
        Assert.Equal(2, buffer.Stats().Frames); // never one of the bank window
        Assert.Equal(1, capture.Stats.SkippedExcludedWindow);
    }

    [Fact]
    public void TryTake_WithFrames_FramesCountTowardNAndOnlyUnpairedAreVisualOnly()
    {
        using var buffer = FeedBuffer.Open(_files.Database);
        var batcher = new FeedBatcher(buffer, newInteractions: 3, maxSeqLength: 64, withFrames: true);
        buffer.AppendFrame("frames/near.png", Start.AddSeconds(1), 8, new float[64]);
        buffer.AppendFrame("frames/far.png", Start.AddSeconds(9), 8, new float[64]);
        Assert.Null(batcher.TryTake()); // two items, N = 3
        buffer.Append("chat", "user", "hello", At(0));

        var batch = batcher.TryTake()!;

        Assert.Equal("frames/near.png", Assert.Single(batch.Frames)!.Source);
        Assert.Empty(batch.VisualOnly); // far.png is 9 s after the batch's last turn: it may be a later turn's screen
        Assert.Equal(1, batcher.Pending);
        buffer.Append("chat", "user", "about the far screen", At(9.5));
        buffer.Append("chat", "user", "and another", At(20));
        Assert.Equal("frames/far.png", batcher.TryTake()!.Frames[0]!.Source); // paired, never trained alone
        Assert.Equal(0, batcher.Pending);
        buffer.AppendFrame("frames/alone.png", Start.AddSeconds(30), 8, new float[64]);
        buffer.AppendFrame("frames/alone2.png", Start.AddSeconds(31), 8, new float[64]);
        buffer.AppendFrame("frames/alone3.png", Start.AddSeconds(32), 8, new float[64]);
        var frames = batcher.TryTake()!; // frames alone make a batch: visual-only samples, no text
        Assert.Null(frames.Text);
        Assert.Empty(frames.Interactions);
        Assert.Equal(3, frames.VisualOnly.Count);
        Assert.Null(new FeedBatcher(buffer, newInteractions: 1, maxSeqLength: 64).TryTake()); // a text batcher: frames never make a batch
    }

    private static string At(double seconds) => Start.AddSeconds(seconds).ToString("O", CultureInfo.InvariantCulture);
}
