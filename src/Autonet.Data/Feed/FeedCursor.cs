namespace Autonet.Data.Feed;

/// <summary>
/// How far the watcher has read one file: the offset just past the last complete line, the file's first bytes (to
/// tell a rotated or replaced file from a grown one), and whether it is skipping the rest of an over-long line.
/// </summary>
public sealed record FeedCursor(string Path, long Offset, byte[] Head, bool Skipping);
