// Options of the screen-frame source, from config.yaml's data.* keys (AutonetConfig.Frames()): separate consent
// (data.screen_capture, default false), the folder of PNG/JPEG frames or the X display to capture, the pause file,
// fps_cap, frame_size and the exclusions.
namespace Autonet.Data.Frames;

/// <summary>Where frames come from, whether we may read them, how many per second and at what size.</summary>
public sealed record FrameSourceConfig
{
    /// <summary>Consent to capture or read screen frames, separate from train_on_agent_data. Default false.</summary>
    public bool ScreenCapture { get; init; }

    /// <summary>A folder of PNG/JPEG frames, searched recursively; a frame's time is its file's last write time (UTC).</summary>
    public string FramesDirectory { get; init; } = "";

    /// <summary>The X display a live capture reads when FramesDirectory is empty (":0"; empty: $DISPLAY).</summary>
    public string CaptureDisplay { get; init; } = "";

    /// <summary>While this file exists, live capture takes no frame (`autonet data pause`); empty: never paused.</summary>
    public string PauseFile { get; init; } = "";

    /// <summary>Most frames kept per second of capture time: (0, 60].</summary>
    public double FpsCap { get; init; } = 1;

    /// <summary>Side frames are resized to: 8..1024.</summary>
    public int FrameSize { get; init; } = 28;

    /// <summary>"glob:" patterns exclude frame files by their path "frames/&lt;relative path&gt;"; "window:" patterns exclude live frames while a matching window is on screen; "regex:" patterns do not apply to pixels.</summary>
    public IList<string> ExclusionPatterns { get; init; } = [];

    /// <exception cref="ArgumentException">an option is out of range or a pattern does not parse</exception>
    public IReadOnlyList<Text.ExclusionPattern> Validate()
    {
        if (!(FpsCap > 0 && FpsCap <= 60))
        {
            Errors.Option("fps_cap", FpsCap, "must be in (0, 60]");
        }
        if (FrameSize is < 8 or > 1024)
        {
            Errors.Option("frame_size", FrameSize, "must be in 8..1024");
        }
        return [.. (ExclusionPatterns ?? []).Select(Text.ExclusionPattern.Parse)];
    }
}
