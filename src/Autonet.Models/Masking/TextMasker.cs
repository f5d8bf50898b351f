// Span masking for text JEPA (SpanBERT-style, seed 001 story 1.2): per sample, a budget of round(r * L) tokens
// with r ~ U[MinRatio, MaxRatio] and L the count of real tokens; spans of U[MinSpan, MaxSpan] tokens are placed
// at uniformly random free positions until the budget is spent, each span a separate target set. Spans never
// touch (one free token between them) and never cover padding. Span lengths are adjusted so the budget is met
// exactly whenever the spans fit; the context is every real token outside the spans.
using Autonet.Core.Randomness;

namespace Autonet.Models.Masking;

/// <summary>Contiguous-span target sets over the real (attention mask 1) tokens of a sequence.</summary>
public sealed class TextMasker : IMasker
{
    public TextMasker(TextMaskConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
    }

    public TextMaskConfig Config { get; }

    /// <summary>
    /// Masks over the positions where attentionMask is 1. Spans are contiguous in the order of those positions,
    /// which is contiguous in the sequence when padding is only at the end (as TextTrainingDataSource produces).
    /// </summary>
    /// <exception cref="ArgumentException">fewer than MinSpan + MinContextTokens real tokens</exception>
    public MaskSet Sample(ReadOnlySpan<byte> attentionMask, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var positions = new List<int>(attentionMask.Length);
        for (var i = 0; i < attentionMask.Length; i++)
        {
            if (attentionMask[i] != 0)
            {
                positions.Add(i);
            }
        }
        var length = positions.Count;
        if (length < Config.MinSequenceLength)
        {
            Errors.Argument(nameof(attentionMask), $"{length} real tokens cannot be span-masked: need at least {Config.MinSequenceLength} (min_span {Config.MinSpan} + min_context_tokens {Config.MinContextTokens})");
        }

        var ratio = random.NextDouble(Config.MinRatio, Config.MaxRatio);
        // Budget: at least one span, and never so many that the context falls below its minimum.
        var budget = Math.Clamp((int)Math.Round(ratio * length, MidpointRounding.AwayFromZero), Config.MinSpan, length - Config.MinContextTokens);
        var taken = new bool[length]; // over indices into positions
        var spans = new List<(int Start, int Length)>();
        var remaining = budget;
        while (remaining >= Config.MinSpan)
        {
            var span = NextSpanLength(random, remaining);
            var start = PickStart(random, taken, span);
            if (start < 0)
            {
                break; // no free gap fits even this span: stop short of the budget rather than overlap
            }
            taken.AsSpan(start, span).Fill(true);
            spans.Add((start, span));
            remaining -= span;
        }

        var targets = spans.OrderBy(s => s.Start)
            .Select(s => Enumerable.Range(s.Start, s.Length).Select(k => positions[k]).ToArray())
            .ToArray();
        var context = new List<int>(length - budget);
        for (var k = 0; k < length; k++)
        {
            if (!taken[k])
            {
                context.Add(positions[k]);
            }
        }
        return new MaskSet([.. context], targets);
    }

    /// <summary>Masks for a sequence whose first validLength tokens are real (the rest padding, or none).</summary>
    public MaskSet Sample(int validLength, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(validLength);
        var mask = new byte[validLength];
        mask.AsSpan().Fill(1);
        return Sample(mask, random);
    }

    // A length in [MinSpan, MaxSpan] that leaves either nothing or at least MinSpan of the budget, so it can be met exactly.
    private int NextSpanLength(SeededRandom random, int remaining)
    {
        if (remaining <= Config.MaxSpan)
        {
            return remaining;
        }
        var span = random.NextInt(Config.MinSpan, Config.MaxSpan);
        var left = remaining - span;
        return left is > 0 && left < Config.MinSpan ? Math.Max(Config.MinSpan, remaining - Config.MinSpan) : span;
    }

    // A uniformly random start among those where span tokens are free and the tokens just before and after are
    // free too; -1 when there is none. One pass over the free gaps, O(L) per span; PickStartNaive is the oracle.
    internal static int PickStart(SeededRandom random, bool[] taken, int span)
    {
        var total = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            var chosen = pass == 1 ? random.NextInt(total) : -1;
            var seen = 0;
            var gapStart = 0;
            while (gapStart < taken.Length)
            {
                if (taken[gapStart])
                {
                    gapStart++;
                    continue;
                }
                var gapEnd = gapStart;
                while (gapEnd < taken.Length && !taken[gapEnd])
                {
                    gapEnd++;
                }
                // Inside the free gap [gapStart, gapEnd), keep one free token next to a taken neighbour.
                var first = gapStart == 0 ? 0 : gapStart + 1;
                var last = gapEnd == taken.Length ? gapEnd - span : gapEnd - span - 1;
                var count = Math.Max(0, last - first + 1);
                if (pass == 1 && chosen < seen + count)
                {
                    return first + (chosen - seen);
                }
                seen += count;
                gapStart = gapEnd;
            }
            total = seen;
            if (total == 0)
            {
                return -1;
            }
        }
        return -1; // unreachable: pass 1 always finds chosen < total
    }

    // The definition, kept as the test oracle: try every start and check the span plus one token each side.
    internal static int PickStartNaive(SeededRandom random, bool[] taken, int span)
    {
        var candidates = new List<int>();
        for (var start = 0; start + span <= taken.Length; start++)
        {
            if (IsFree(taken, start - 1, start + span + 1))
            {
                candidates.Add(start);
            }
        }
        return candidates.Count == 0 ? -1 : candidates[random.NextInt(candidates.Count)];
    }

    private static bool IsFree(bool[] taken, int from, int to)
    {
        for (var k = Math.Max(0, from); k < Math.Min(taken.Length, to); k++)
        {
            if (taken[k])
            {
                return false;
            }
        }
        return true;
    }
}
