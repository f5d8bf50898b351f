namespace Autonet.Data.Feed;

/// <summary>What the ring buffer holds now and what it has dropped.</summary>
public sealed record FeedBufferStats(
    int Interactions, int Frames, long Bytes, DateTimeOffset? Oldest, DateTimeOffset? Newest, long Taken, long AgedOutByTime, long AgedOutBySize);
