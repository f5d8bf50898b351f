// I-JEPA multi-block masking (Assran et al. 2023, §3 "Targets"/"Context" and the reference collator): per batch,
// one target block size (scale 0.15-0.2, aspect 0.75-1.5) and one context block size (scale 0.85-1.0, aspect 1);
// per sample, 4 target blocks at random positions (they may overlap each other) and a context block with every
// target patch removed. Differences, on purpose: scale and aspect are drawn independently, and a block may span
// the whole grid. If MaxAttempts draws leave fewer than MinContextTokens context patches, the fallback puts all
// target blocks on one spot and uses the whole grid as context, which ImageMaskConfig.Validate() proves is enough.
using Autonet.Core.Randomness;

namespace Autonet.Models.Masking;

/// <summary>Multi-block masks on a GridHeight x GridWidth patch grid; patch index = row * GridWidth + column.</summary>
public sealed class ImageMasker : IMasker
{
    public ImageMasker(ImageMaskConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
    }

    public ImageMaskConfig Config { get; }

    /// <summary>Masks for one image; the attention mask must cover the whole grid (images have no padding).</summary>
    public MaskSet Sample(ReadOnlySpan<byte> attentionMask, SeededRandom random)
    {
        if (attentionMask.Length != Config.PatchCount || attentionMask.ContainsAnyExcept((byte)1))
        {
            Errors.Argument(nameof(attentionMask), $"an image mask must be {Config.PatchCount} ones (grid {Config.GridHeight}x{Config.GridWidth}); got length {attentionMask.Length}");
        }
        return Sample(random);
    }

    /// <summary>Masks for one image, with block sizes drawn for it alone.</summary>
    public MaskSet Sample(SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var (targetSize, contextSize) = DrawSizes(random);
        return SampleOne(random, targetSize, contextSize);
    }

    /// <summary>
    /// Masks for a batch, rectangular as the reference collator makes them: block sizes are shared, and every
    /// sample's context is cut to the batch's smallest context by a seeded random subset (not by dropping the last patches).
    /// </summary>
    public MaskSet[] SampleBatch(int batchSize, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentNullException.ThrowIfNull(random);
        var (targetSize, contextSize) = DrawSizes(random);
        var sets = new MaskSet[batchSize];
        for (var b = 0; b < batchSize; b++)
        {
            sets[b] = SampleOne(random, targetSize, contextSize);
        }
        var keep = sets.Min(s => s.Context.Length);
        for (var b = 0; b < batchSize; b++)
        {
            if (sets[b].Context.Length > keep)
            {
                var shuffled = sets[b].Context.ToArray();
                random.Shuffle(shuffled.AsSpan());
                sets[b] = sets[b] with { Context = [.. shuffled.Take(keep).Order()] };
            }
        }
        return sets;
    }

    /// <summary>Block size for a scale and aspect (height/width): h = round(sqrt(N s a)), w = round(sqrt(N s / a)), clamped to the grid.</summary>
    public static (int Height, int Width) BlockSize(ImageMaskConfig config, double scale, double aspect)
    {
        ArgumentNullException.ThrowIfNull(config);
        var keep = config.PatchCount * scale;
        var h = (int)Math.Round(Math.Sqrt(keep * aspect), MidpointRounding.AwayFromZero);
        var w = (int)Math.Round(Math.Sqrt(keep / aspect), MidpointRounding.AwayFromZero);
        return (Math.Clamp(h, 1, config.GridHeight), Math.Clamp(w, 1, config.GridWidth));
    }

    /// <summary>An upper bound on a target block's area: the tallest height times the widest width any draw can give.</summary>
    public static int MaxBlockArea(ImageMaskConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var tallest = BlockSize(config, config.TargetScaleMax, config.TargetAspectMax).Height;
        var widest = BlockSize(config, config.TargetScaleMax, config.TargetAspectMin).Width;
        return tallest * widest;
    }

    private ((int H, int W) Target, (int H, int W) Context) DrawSizes(SeededRandom random)
    {
        var target = BlockSize(Config,
            random.NextDouble(Config.TargetScaleMin, Config.TargetScaleMax),
            random.NextDouble(Config.TargetAspectMin, Config.TargetAspectMax));
        var context = BlockSize(Config, random.NextDouble(Config.ContextScaleMin, Config.ContextScaleMax), 1.0);
        return (target, context);
    }

    private MaskSet SampleOne(SeededRandom random, (int H, int W) target, (int H, int W) context)
    {
        for (var attempt = 0; attempt < Config.MaxAttempts; attempt++)
        {
            var targets = new int[Config.TargetBlocks][];
            for (var k = 0; k < targets.Length; k++)
            {
                targets[k] = Block(random, target);
            }
            var visible = Block(random, context).Except(targets.SelectMany(t => t)).Order().ToArray();
            if (visible.Length >= Config.MinContextTokens)
            {
                return new MaskSet(visible, targets);
            }
        }
        // Fallback: all blocks on one spot, whole grid as context; Validate() guarantees N - area >= MinContextTokens.
        var block = Block(random, target);
        var fallbackTargets = Enumerable.Repeat(block, Config.TargetBlocks).Select(b => b.ToArray()).ToArray();
        var rest = Enumerable.Range(0, Config.PatchCount).Except(block).ToArray();
        return new MaskSet(rest, fallbackTargets);
    }

    // Patch indices of an h x w block at a uniformly random top-left corner, sorted (row-major).
    private int[] Block(SeededRandom random, (int H, int W) size)
    {
        var top = random.NextInt(Config.GridHeight - size.H + 1);
        var left = random.NextInt(Config.GridWidth - size.W + 1);
        var indices = new int[size.H * size.W];
        var n = 0;
        for (var r = top; r < top + size.H; r++)
        {
            for (var c = left; c < left + size.W; c++)
            {
                indices[n++] = (r * Config.GridWidth) + c;
            }
        }
        return indices;
    }
}
