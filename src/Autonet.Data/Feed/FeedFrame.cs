namespace Autonet.Data.Feed;

/// <summary>One screen frame in the ring buffer: grey pixels, Size × Size, normalized for the image encoder, (Size·Size).</summary>
public sealed record FeedFrame(long Seq, string Source, DateTimeOffset Captured, int Size, float[] Pixels);
