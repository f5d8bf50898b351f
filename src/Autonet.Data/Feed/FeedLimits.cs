namespace Autonet.Data.Feed;

/// <summary>How much the ring buffer keeps: entries age out past MaxAge, and the oldest go first past MaxBytes.</summary>
public sealed record FeedLimits
{
    /// <summary>Content bytes (UTF-8 text plus 4 bytes a pixel) kept at most; default 64 MiB.</summary>
    public long MaxBytes { get; init; } = 64L << 20;

    /// <summary>Entries older than this (by arrival) are dropped; default 7 days.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromDays(7);

    /// <exception cref="ArgumentException">a limit is not positive</exception>
    public void Validate()
    {
        if (MaxBytes < 1024)
        {
            Errors.Option("feed.max_bytes", MaxBytes, "must be at least 1024");
        }
        if (MaxAge <= TimeSpan.Zero)
        {
            Errors.Option("feed.max_age", MaxAge, "must be positive");
        }
    }
}
