namespace Autonet.Data.Feed;

/// <summary>One scrubbed, filtered interaction in the ring buffer: its sequence number, file, record and arrival time.</summary>
public sealed record FeedInteraction(long Seq, string Source, string Role, string Content, string? Timestamp, DateTimeOffset Arrived);
