// A feed batch as VL-JEPA samples (issue 18): every text window's real tokens cut into windows of MaxTokens ids (the
// rest padding, ByteTokenizer.Pad), each carrying its interaction's frame or none, then one visual-only sample per
// unpaired new frame. A frame must be ImageSize² pixels: data.frame_size and the model's image_size agree.
using Autonet.Data.Feed;
using Autonet.Data.Text;
using Autonet.Models.Jepa;

namespace Autonet.Node.Feed;

internal static class FeedSamples
{
    public static IReadOnlyList<FeedSample> Of(FeedBatch batch, JepaConfig config)
    {
        var t = config.MaxTokens;
        var samples = new List<FeedSample>();
        var windows = batch.Text is null ? [] : RealTokens(batch.Text);
        for (var b = 0; b < windows.Count; b++)
        {
            var pixels = batch.Frames[b] is { } frame ? Pixels(frame, config) : null;
            for (var start = 0; start < windows[b].Length; start += t)
            {
                var ids = new int[t];
                var length = Math.Min(t, windows[b].Length - start);
                windows[b].AsSpan(start, length).CopyTo(ids);
                samples.Add(new FeedSample(ids, length, pixels));
            }
        }
        samples.AddRange(batch.VisualOnly.Select(frame => new FeedSample(new int[t], 0, Pixels(frame, config))));
        return samples;
    }

    /// <summary>Each window's tokens where the attention mask is set, in order.</summary>
    public static IReadOnlyList<int[]> RealTokens(TextBatch text)
    {
        var windows = new List<int[]>();
        for (var b = 0; b < text.BatchSize; b++)
        {
            var row = new List<int>();
            for (var s = 0; s < text.SeqLength; s++)
            {
                if (text.AttentionMask[(b * text.SeqLength) + s] != 0)
                {
                    row.Add(text.TokenIds[(b * text.SeqLength) + s]);
                }
            }
            windows.Add([.. row]);
        }
        return windows;
    }

    private static float[] Pixels(FeedFrame frame, JepaConfig config)
    {
        if (frame.Size != config.ImageSize || frame.Pixels.Length != frame.Size * frame.Size)
        {
            throw new ArgumentException($"frame #{frame.Seq} from {frame.Source} is {frame.Size}x{frame.Size}; the model reads {config.ImageSize}x{config.ImageSize} (set data.frame_size to the model's image_size, or train a new feed model)", nameof(frame));
        }
        return frame.Pixels;
    }
}
