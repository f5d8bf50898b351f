// The live feed's samples as VL-JEPA batches: a fixed number of samples per step, replaced before each step, each
// with the flags its data gives (has_visual: it has a frame; has_text: it has a turn), never dropped at random as the
// pair set's training batches are. Masks are the pair set's joint masks (PairBatchSource: I-JEPA blocks on the patch
// grid, spans on the real text), so the feed and `train --pairs` train one objective.
using Autonet.Core.Randomness;
using Autonet.Models.Jepa;
using Autonet.Models.Masking;
using Autonet.Tensors;
using Autonet.Training.Jepa;

namespace Autonet.Node.Feed;

/// <summary>Holds the samples of the current multimodal feed step.</summary>
internal sealed class FeedPairSource : BatchSource
{
    private readonly JepaConfig _config;
    private readonly PairBatchSource _masks;
    private readonly int _shortest;
    private IReadOnlyList<FeedSample>? _current;

    public FeedPairSource(int samplesPerStep, JepaConfig config)
        : base(samplesPerStep)
    {
        _config = config;
        _shortest = Math.Min(new TextMaskConfig().MinSequenceLength, config.MaxTokens);
        // One placeholder pair: only its masker is used (joint masks depend on the batch size and text lengths alone).
        _masks = new PairBatchSource([new float[config.ImageSize * config.ImageSize]], [(new int[config.MaxTokens], config.MaxTokens)], config);
    }

    /// <summary>The next step's samples: exactly Count.</summary>
    public void Load(IReadOnlyList<FeedSample> samples)
    {
        if (samples.Count != Count)
        {
            throw new ArgumentException($"a feed step takes exactly {Count} samples, got {samples.Count}", nameof(samples));
        }
        _current = samples;
    }

    public override JepaInput Input(ReadOnlySpan<int> indices)
    {
        var samples = _current ?? throw new InvalidOperationException("no feed samples loaded: call Load before a step");
        var (b, size, t) = (indices.Length, _config.ImageSize, _config.MaxTokens);
        var images = Tensor.Zeros(b, 1, size, size); // (B, 1, H, W); zeros where a sample has no frame (never read)
        var ids = new int[b * t]; // (B * T)
        var (visual, text, lengths) = (new bool[b], new bool[b], new int[b]);
        for (var i = 0; i < b; i++)
        {
            var sample = samples[indices[i]];
            sample.Pixels?.CopyTo(images.Span.Slice(i * size * size, size * size));
            sample.Ids.CopyTo(ids, i * t);
            (visual[i], text[i]) = (sample.HasVisual, sample.HasText);
            lengths[i] = Math.Clamp(sample.Length, _shortest, t); // a visual-only sample's text rows are dropped anyway
        }
        return JepaInput.FromPairs(images, ids, visual, text, lengths);
    }

    public override JepaMasks Masks(int batchSize, SeededRandom random) => _masks.Masks(batchSize, random);

    public override JepaMasks Masks(JepaInput input, SeededRandom random) => _masks.Masks(input, random);
}
