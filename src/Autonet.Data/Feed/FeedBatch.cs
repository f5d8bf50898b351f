using Autonet.Data.Text;

namespace Autonet.Data.Feed;

/// <summary>
/// One training batch from the live feed: the new interactions, their token windows (B, S), and for each window the
/// screen frame captured within ±2 s of its interaction's timestamp, or null (no frame: has_visual is false).
/// </summary>
public sealed record FeedBatch(IReadOnlyList<FeedInteraction> Interactions, TextBatch Text, IReadOnlyList<FeedFrame?> Frames);
