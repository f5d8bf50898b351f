using Autonet.Data.Text;

namespace Autonet.Data.Feed;

/// <summary>
/// One training batch from the live feed: the new interactions, their token windows (B, S; null when the batch holds
/// frames only), for each window the screen frame captured within ±2 s of its interaction's time or null (a
/// text-only sample: has_visual false), and the new frames no interaction of the batch was paired with (visual-only
/// samples: has_text false).
/// </summary>
public sealed record FeedBatch(IReadOnlyList<FeedInteraction> Interactions, TextBatch? Text, IReadOnlyList<FeedFrame?> Frames, IReadOnlyList<FeedFrame> VisualOnly)
{
    /// <summary>Windows with their interaction's frame (multimodal samples).</summary>
    public int Paired => Frames.Count(f => f is not null);

    /// <summary>Windows without a frame (text-only samples).</summary>
    public int TextOnly => Frames.Count(f => f is null);
}
