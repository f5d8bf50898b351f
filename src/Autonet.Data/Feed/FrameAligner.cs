// Pairs a conversation turn with the screen as it was: the frame captured nearest the turn's time, if one was
// captured within ±2 s (issue 18); otherwise none, and the sample is text-only (has_visual false).
namespace Autonet.Data.Feed;

/// <summary>Finds the frame nearest a time within <see cref="Tolerance"/>.</summary>
public static class FrameAligner
{
    /// <summary>A frame further than this from a turn is not that turn's screen.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(2);

    /// <summary>The frame of <paramref name="buffer"/> nearest <paramref name="time"/> within ±Tolerance, or null.</summary>
    public static FeedFrame? Nearest(FeedBuffer buffer, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        // Times first, pixels of the chosen frame only: at 40 frames a second, ±2 s holds 160 frames of 36 KB (96²).
        var candidates = buffer.FrameTimes(time - Tolerance, time + Tolerance);
        (long Seq, DateTimeOffset Captured)? best = null;
        foreach (var candidate in candidates)
        {
            var distance = (candidate.Captured - time).Duration();
            if (distance <= Tolerance && (best is null || distance < (best.Value.Captured - time).Duration()))
            {
                best = candidate;
            }
        }
        return best is { } chosen ? buffer.Frame(chosen.Seq) : null;
    }

    /// <summary>The frame nearest <paramref name="time"/> within ±Tolerance (the earlier one on a tie), or null.</summary>
    public static FeedFrame? Nearest(IEnumerable<FeedFrame> frames, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(frames);
        FeedFrame? best = null;
        foreach (var frame in frames)
        {
            var distance = (frame.Captured - time).Duration();
            if (distance <= Tolerance && (best is null || distance < (best.Captured - time).Duration()))
            {
                best = frame;
            }
        }
        return best;
    }
}
