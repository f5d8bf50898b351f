// Live screen frames from an X display (data.screen_capture, data.capture_display), taken through our own X11 client
// (X11Connection: GetImage of the root window in ZPixmap). Order of checks on every poll, each before any pixel is
// read: consent (off: not even a connection is opened), fps_cap on the injected clock (a grab at most every
// 1 / fps_cap; polls in between take nothing), the pause file (`autonet data pause`), then the titles of the viewable
// windows against "window:" patterns (a match, or a window tree too large to check, skips the whole frame). So a frame
// from an excluded window never enters the buffer; the title check runs right before the grab, not atomically with it.
using Autonet.Data.Feed;
using Autonet.Data.Frames;
using Autonet.Data.Text;

namespace Autonet.Data.Screen;

/// <summary>Grabs the screen at most fps_cap times a second into a <see cref="FeedBuffer"/>, only with consent.</summary>
public sealed class ScreenCaptureSource : IFrameSource, IDisposable
{
    private readonly FrameSourceConfig _config;
    private readonly IReadOnlyList<ExclusionPattern> _windowPatterns;
    private readonly TimeProvider _time;
    private readonly (int X, int Y, int Width, int Height)? _area;
    private X11Connection? _connection;
    private DateTimeOffset? _lastGrab;

    /// <param name="config">Consent, display, pause file, fps_cap, frame_size and exclusions.</param>
    /// <param name="time">The clock fps_cap is measured on, and frames are stamped with.</param>
    /// <param name="area">A rectangle of the root window to grab (default: the whole screen).</param>
    /// <param name="socketDirectory">Where local X servers put their sockets.</param>
    /// <exception cref="ArgumentException">an option or pattern is invalid</exception>
    public ScreenCaptureSource(FrameSourceConfig config, TimeProvider? time = null, (int X, int Y, int Width, int Height)? area = null, string socketDirectory = "/tmp/.X11-unix")
    {
        ArgumentNullException.ThrowIfNull(config);
        _windowPatterns = [.. config.Validate().Where(p => p.Kind == ExclusionKind.Window)];
        var display = config.CaptureDisplay.Length > 0 ? config.CaptureDisplay : Environment.GetEnvironmentVariable("DISPLAY") ?? "";
        Display = display.Length == 0 ? null : X11Display.Parse(display, socketDirectory);
        (_config, _time, _area) = (config, time ?? TimeProvider.System, area);
    }

    /// <summary>The display grabbed, or null when neither data.capture_display nor $DISPLAY names one.</summary>
    public X11Display? Display { get; }

    public FrameStats Stats { get; } = new();

    /// <summary>Connections opened to the X server (0 while consent is off).</summary>
    public int Connections { get; private set; }

    /// <summary>One grab when consent is on, capture is not paused, no excluded window is on screen and fps_cap allows it.</summary>
    public int Poll(FeedBuffer? buffer, CancellationToken cancellationToken = default)
    {
        if (!_config.ScreenCapture)
        {
            return 0; // no consent: the X server is never contacted
        }
        var now = _time.GetUtcNow();
        if (_lastGrab is { } last && now - last < TimeSpan.FromSeconds(1 / _config.FpsCap))
        {
            return 0; // not due: fps_cap
        }
        _lastGrab = now;
        cancellationToken.ThrowIfCancellationRequested();
        if (_config.PauseFile.Length > 0 && File.Exists(TextDataConfig.ExpandHome(_config.PauseFile)))
        {
            Stats.SkippedPaused++;
            return 0;
        }
        if (Display is null)
        {
            Fail("no display: set data.capture_display (e.g. :0) or $DISPLAY");
            return 0;
        }
        try
        {
            var connection = _connection ??= Connect(Display);
            if (_windowPatterns.Count > 0 && Excluded(connection) is { } why)
            {
                Stats.SkippedExcludedWindow++;
                Stats.Skip(Source, why);
                return 0;
            }
            var screen = connection.Screen;
            var (x, y, w, h) = _area ?? (0, 0, screen.Width, screen.Height);
            var image = connection.GetImage(screen.Root, x, y, w, h);
            var captured = _time.GetUtcNow();
            var pixels = FrameDecoder.FromBgra(image.ToBgra(), image.Width, image.Height, _config.FrameSize);
            buffer?.AppendFrame(Source, captured, _config.FrameSize, pixels);
            Stats.FramesUsed++;
            return 1;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException)
        {
            _connection?.Dispose();
            _connection = null; // reconnect on the next due poll
            Fail(e.Message);
            return 0;
        }
    }

    public void Dispose() => _connection?.Dispose();

    private string Source => $"x11{Display}";

    private X11Connection Connect(X11Display display)
    {
        Connections++;
        return X11Connection.Open(display);
    }

    // Why this frame may not be taken (a matching title, or a tree too large to check), else null. The reason names
    // the pattern, never the title (a title can itself be private).
    private string? Excluded(X11Connection connection)
    {
        var (titles, complete) = X11Windows.ViewableTitles(connection);
        if (!complete)
        {
            return $"more than {X11Windows.MaxWindows} windows: titles not all checked, frame skipped";
        }
        foreach (var (_, title) in titles)
        {
            if (_windowPatterns.FirstOrDefault(p => p.MatchesWindowTitle(title)) is { } pattern)
            {
                return $"a window matching '{pattern.Source}' was on screen";
            }
        }
        return null;
    }

    private void Fail(string reason)
    {
        Stats.CaptureFailed++;
        Stats.Skip(Source, reason);
    }
}
