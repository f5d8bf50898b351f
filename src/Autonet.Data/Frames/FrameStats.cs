namespace Autonet.Data.Frames;

/// <summary>What a frame source kept and skipped, by reason; every skip is counted here, never thrown.</summary>
public sealed class FrameStats
{
    public int FramesUsed { get; internal set; }

    /// <summary>Frame files a glob pattern excluded (never opened).</summary>
    public int FilesExcluded { get; internal set; }

    /// <summary>Files that are not images at all.</summary>
    public int SkippedNotImage { get; internal set; }

    /// <summary>Images of another format (GIF, WebP, …), too large, or unreadable.</summary>
    public int SkippedOther { get; internal set; }

    /// <summary>PNG/JPEG files cut short or corrupt.</summary>
    public int SkippedTruncated { get; internal set; }

    /// <summary>Frames closer in time to the previous kept frame than 1 / fps_cap.</summary>
    public int SkippedOverFpsCap { get; internal set; }

    /// <summary>Live grabs not taken because a window matching a "window:" pattern was on screen.</summary>
    public int SkippedExcludedWindow { get; internal set; }

    /// <summary>Live grabs not taken because capture was paused.</summary>
    public int SkippedPaused { get; internal set; }

    /// <summary>Live grabs that failed (no X server, refused, unsupported pixels), each with its reason.</summary>
    public int CaptureFailed { get; internal set; }

    /// <summary>The last few skip reasons, with the file: "frames/x.png: truncated PNG (…)".</summary>
    public List<string> Reasons { get; } = [];

    public override string ToString() =>
        $"frames {FramesUsed} (excluded {FilesExcluded}), skipped: not an image {SkippedNotImage}, truncated {SkippedTruncated}, other {SkippedOther}, over fps cap {SkippedOverFpsCap}, excluded window {SkippedExcludedWindow}, paused {SkippedPaused}, capture failed {CaptureFailed}";

    internal void Skip(string file, string reason)
    {
        if (Reasons.Count < 20)
        {
            Reasons.Add($"{file}: {reason}");
        }
    }
}
