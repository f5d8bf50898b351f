using System.Net.Sockets;
using Autonet.Data.Feed;
using Autonet.Data.Frames;
using Autonet.Data.Screen;
using Microsoft.Extensions.Time.Testing;

namespace Autonet.Data.Tests.Screen;

/// <summary>Live capture of a real Xvfb screen into a real feed buffer, on a fake clock.</summary>
public sealed class ScreenCaptureSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("autonet-capture-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Poll_ProgramOnScreen_FrameShowsIt()
    {
        using var server = XvfbServer.Start(96, 96);
        using var buffer = FeedBuffer.Open(Path.Combine(_folder, "feed.db"), time: _clock);
        using var source = new ScreenCaptureSource(Config(server), _clock);
        Assert.Equal(1, source.Poll(buffer)); // the black root alone

        using (X11Program.Show(server, "white", "xmessage", "-title", "white", "-geometry", "96x96+0+0", "-bg", "white", "-fg", "black", "autonet"))
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(1, source.Poll(buffer));
        }

        var frames = buffer.Frames(_clock.GetUtcNow().AddMinutes(-1), _clock.GetUtcNow());
        Assert.Equal(2, frames.Count);
        var (before, after) = (FrameDecoder.ToGrey(frames[0].Pixels), FrameDecoder.ToGrey(frames[1].Pixels));
        Assert.All(before, g => Assert.Equal(0, g));
        Assert.True(after.Count(g => g > 200) > after.Length / 2, "most of the screen is the program's white window");
        Assert.Contains(after, g => g < 128); // and its black text and border
        Assert.Equal("x11:" + server.Display.Number + ".0", frames[1].Source);
        Assert.Equal(_clock.GetUtcNow(), frames[1].Captured);
    }

    [Fact]
    public void Poll_EveryTenthOfASecondForTenSeconds_KeepsFpsCapFramesASecond()
    {
        using var server = XvfbServer.Start(32, 32);
        using var buffer = FeedBuffer.Open(Path.Combine(_folder, "feed.db"), time: _clock);
        using var source = new ScreenCaptureSource(Config(server) with { FpsCap = 2 }, _clock);

        var kept = 0;
        for (var poll = 0; poll <= 100; poll++, _clock.Advance(TimeSpan.FromMilliseconds(100)))
        {
            kept += source.Poll(buffer);
        }

        Assert.Equal(21, kept); // t = 0, 0.5, ..., 10 s
        Assert.Equal(21, buffer.Stats().Frames);
        Assert.Equal(1, source.Connections); // one connection kept open across grabs
    }

    [Fact]
    public async Task Poll_NoConsent_NeverConnectsToTheServer()
    {
        var socketFolder = Path.Combine(_folder, "x11");
        Directory.CreateDirectory(socketFolder);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(Path.Combine(socketFolder, "X5")));
        listener.Listen();
        using var buffer = FeedBuffer.Open(Path.Combine(_folder, "feed.db"), time: _clock);
        var display = X11Display.Parse(":5", socketFolder);
        using var unconsented = new ScreenCaptureSource(new FrameSourceConfig { ScreenCapture = false, CaptureDisplay = ":5" }, _clock, socketDirectory: socketFolder);

        for (var i = 0; i < 5; i++, _clock.Advance(TimeSpan.FromSeconds(1)))
        {
            Assert.Equal(0, unconsented.Poll(buffer));
        }

        Assert.Equal(0, unconsented.Connections);
        Assert.False(listener.Poll(0, SelectMode.SelectRead), "no client knocked on the display's socket");
        Assert.Equal(0, buffer.Stats().Frames);
        // The control: with consent the same source does connect (our fake server hangs up, so the grab fails and is counted).
        using var consented = new ScreenCaptureSource(new FrameSourceConfig { ScreenCapture = true, CaptureDisplay = ":5" }, _clock, socketDirectory: socketFolder);
        var hangUp = Task.Run(() => listener.Accept().Dispose());
        Assert.Equal(0, consented.Poll(buffer));
        await hangUp;
        Assert.Equal((1, 1), (consented.Connections, consented.Stats.CaptureFailed));
        Assert.Equal(display.ToString(), consented.Display!.ToString()); // Display is set whenever a display name is given
    }

    [Fact]
    public void Poll_ExcludedWindowOnScreen_NoFrameUntilItCloses()
    {
        using var server = XvfbServer.Start(64, 64);
        using var buffer = FeedBuffer.Open(Path.Combine(_folder, "feed.db"), time: _clock);
        using var source = new ScreenCaptureSource(Config(server) with { ExclusionPatterns = ["window:(?i)\\bbank\\b"] }, _clock);

        using (X11Program.Show(server, "My Bank statement", "xmessage", "-title", "My Bank statement", "secret balance"))
        {
            Assert.Equal(0, source.Poll(buffer));
        }
        _clock.Advance(TimeSpan.FromSeconds(1));
        using (X11Program.Show(server, "notes", "xmessage", "-title", "notes", "fine to capture"))
        {
            Assert.Equal(1, source.Poll(buffer));
        }

        Assert.Equal(1, source.Stats.SkippedExcludedWindow);
        Assert.Contains(source.Stats.Reasons, r => r.Contains("window:(?i)\\bbank\\b", StringComparison.Ordinal) && !r.Contains("statement", StringComparison.Ordinal));
        Assert.Equal(1, buffer.Stats().Frames);
    }

    [Fact]
    public void Poll_Paused_NoFrameUntilResumed()
    {
        using var server = XvfbServer.Start(32, 32);
        using var buffer = FeedBuffer.Open(Path.Combine(_folder, "feed.db"), time: _clock);
        var pause = Path.Combine(_folder, "capture.paused");
        using var source = new ScreenCaptureSource(Config(server) with { PauseFile = pause }, _clock);
        File.WriteAllText(pause, "");

        Assert.Equal(0, source.Poll(buffer));
        File.Delete(pause);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, source.Poll(buffer));

        Assert.Equal((1, 0), (source.Stats.SkippedPaused, source.Connections - 1));
        Assert.Equal(1, buffer.Stats().Frames);
    }

    [Fact]
    public void Constructor_BadOptions_NameThem()
    {
        Assert.Equal("fps_cap", Assert.Throws<ArgumentException>(() => new ScreenCaptureSource(new FrameSourceConfig { FpsCap = 0, CaptureDisplay = ":0" })).ParamName);
        Assert.Equal("data.capture_display", Assert.Throws<ArgumentException>(() => new ScreenCaptureSource(new FrameSourceConfig { CaptureDisplay = "remote:0" })).ParamName);
        Assert.Equal("pattern", Assert.Throws<ArgumentException>(() => new ScreenCaptureSource(new FrameSourceConfig { CaptureDisplay = ":0", ExclusionPatterns = ["window:"] })).ParamName);
    }

    private static FrameSourceConfig Config(XvfbServer server) => new() { ScreenCapture = true, CaptureDisplay = server.Name, FpsCap = 1, FrameSize = 16 };
}
