// Rectangular batch masks for one JEPA step: every sample keeps the same number of context positions and of
// target positions, as the I-JEPA collator does (it cuts each sample to the batch minimum). Cuts are seeded random
// subsets kept in ascending order, never "drop the last", so no region of the input is favoured.
using Autonet.Core.Randomness;
using Autonet.Models.Masking;

namespace Autonet.Models.Jepa;

/// <summary>Context (B * Kc) and target (B * Kt) positions, row-major by sample.</summary>
public sealed record JepaMasks(int[] Context, int[] Targets, int Batch)
{
    public int ContextPerSample => Context.Length / Batch;

    public int TargetsPerSample => Targets.Length / Batch;

    /// <summary>
    /// Joins per-sample mask sets. Targets of a sample are its target sets concatenated in order (I-JEPA's loss
    /// runs over every block; an overlap between blocks counts once per block, as there).
    /// </summary>
    public static JepaMasks FromSets(IReadOnlyList<MaskSet> sets, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(random);
        if (sets.Count == 0)
        {
            Errors.Argument(nameof(sets), "a batch needs at least one mask set");
        }
        var targets = sets.Select(s => s.Targets.SelectMany(t => t).ToArray()).ToArray();
        var kc = sets.Min(s => s.Context.Length);
        var kt = targets.Min(t => t.Length);
        if (kc == 0 || kt == 0)
        {
            Errors.Argument(nameof(sets), $"every sample needs context and targets; the batch minimum is {kc} context and {kt} target positions");
        }
        var context = new int[sets.Count * kc];
        var target = new int[sets.Count * kt];
        for (var b = 0; b < sets.Count; b++)
        {
            Cut(sets[b].Context, kc, random).CopyTo(context, b * kc);
            Cut(targets[b], kt, random).CopyTo(target, b * kt);
        }
        return new JepaMasks(context, target, sets.Count);
    }

    // keep of the items: all of them when they fit, else a seeded random subset in its original order.
    private static int[] Cut(int[] items, int keep, SeededRandom random)
    {
        if (items.Length == keep)
        {
            return items;
        }
        var order = Enumerable.Range(0, items.Length).ToArray();
        random.Shuffle(order.AsSpan());
        return [.. order.Take(keep).Order().Select(i => items[i])];
    }
}
