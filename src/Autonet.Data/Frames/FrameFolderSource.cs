// Screen frames from a folder of PNG/JPEG files (data.frames_directory), read only with data.screen_capture. Files
// are taken in order of their last write time (UTC, the capture time) and name; a frame closer than 1 / fps_cap to
// the previous kept one is dropped; glob-excluded files are never opened; non-image, other-format and truncated
// files are counted with their reason and skipped. Kept frames are decoded (FrameDecoder) and appended to the feed's
// buffer, each file once (its cursor records its write time). Not a live screen grab: a capture program writes here.
using Autonet.Data.Feed;

namespace Autonet.Data.Frames;

/// <summary>Reads new frames from a folder into a <see cref="FeedBuffer"/>, honouring consent, fps_cap and exclusions.</summary>
public sealed class FrameFolderSource : IFrameSource
{
    private readonly FrameSourceConfig _config;
    private readonly IReadOnlyList<Text.ExclusionPattern> _exclusions;
    private readonly HashSet<string> _excluded = new(StringComparer.Ordinal);
    private DateTimeOffset? _lastKept;

    /// <exception cref="ArgumentException">an option or pattern is invalid</exception>
    public FrameFolderSource(FrameSourceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _exclusions = config.Validate();
        _config = config;
    }

    /// <summary>Counts over every poll since this source was made.</summary>
    public FrameStats Stats { get; } = new();

    /// <summary>
    /// Reads the frames not seen before; appends them to <paramref name="buffer"/> (null: only counts, for `data status`).
    /// Returns how many were kept.
    /// </summary>
    public int Poll(FeedBuffer? buffer, CancellationToken cancellationToken = default)
    {
        var folder = Text.TextDataConfig.ExpandHome(_config.FramesDirectory);
        if (!_config.ScreenCapture || folder.Length == 0 || !Directory.Exists(folder))
        {
            return 0; // no consent (or no folder): not a single file is listed or opened
        }
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: "frames/" + Path.GetRelativePath(folder, f).Replace('\\', '/'), Time: new DateTimeOffset(File.GetLastWriteTimeUtc(f), TimeSpan.Zero)))
            .OrderBy(f => f.Time).ThenBy(f => f.Relative, StringComparer.Ordinal).ToList();
        var minimumGap = TimeSpan.FromSeconds(1 / _config.FpsCap);
        var kept = 0;
        foreach (var (full, relative, time) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Exclusion first: an excluded file leaves no trace in the buffer, not even its name in a cursor.
            if (_exclusions.Any(e => e.MatchesPath(relative)))
            {
                if (_excluded.Add(full))
                {
                    Stats.FilesExcluded++;
                }
                continue;
            }
            var key = "frame:" + full;
            if (buffer?.Cursor(key) is { } seen && seen.Offset == time.ToUnixTimeMilliseconds())
            {
                continue;
            }
            buffer?.SaveCursor(new FeedCursor(key, time.ToUnixTimeMilliseconds(), [], false));
            if (_lastKept is { } last && time - last < minimumGap)
            {
                Stats.SkippedOverFpsCap++;
                continue;
            }
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Stats.SkippedOther++;
                Stats.Skip(relative, $"unreadable ({e.Message})");
                continue;
            }
            var result = FrameDecoder.TryDecode(bytes, _config.FrameSize, out var pixels, out var reason);
            if (result != FrameDecodeResult.Ok)
            {
                _ = result switch
                {
                    FrameDecodeResult.NotImage => Stats.SkippedNotImage++,
                    FrameDecodeResult.Truncated => Stats.SkippedTruncated++,
                    _ => Stats.SkippedOther++,
                };
                Stats.Skip(relative, reason);
                continue;
            }
            buffer?.AppendFrame(relative, time, _config.FrameSize, pixels);
            _lastKept = time;
            Stats.FramesUsed++;
            kept++;
        }
        return kept;
    }
}
