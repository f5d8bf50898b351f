using Autonet.Data.Feed;

namespace Autonet.Data.Frames;

/// <summary>Where the feed's screen frames come from: a folder of image files, or a live screen capture.</summary>
public interface IFrameSource
{
    /// <summary>Counts over every poll since the source was made, skips by reason.</summary>
    FrameStats Stats { get; }

    /// <summary>Takes what is new (a folder's new files, or one grab when due); appends kept frames to <paramref name="buffer"/> (null: count only). Returns how many were kept.</summary>
    int Poll(FeedBuffer? buffer, CancellationToken cancellationToken = default);
}
