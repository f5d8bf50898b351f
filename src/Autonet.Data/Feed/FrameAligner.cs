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
        return Nearest(buffer.Frames(time - Tolerance, time + Tolerance), time);
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
