namespace Autonet.Node.Feed;

/// <summary>
/// One VL-JEPA sample of the live feed: a token window of MaxTokens ids with its real length (0: no text, a
/// visual-only sample) and the frame's ImageSize² grey pixels (null: no frame, a text-only sample).
/// </summary>
internal sealed record FeedSample(int[] Ids, int Length, float[]? Pixels)
{
    public bool HasText => Length > 0;

    public bool HasVisual => Pixels is not null;
}
