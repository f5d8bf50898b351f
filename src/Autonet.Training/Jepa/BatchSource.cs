// Deterministic batches for JEPA training: the batch of step s depends only on (seed, s), never on what ran before,
// so a resumed run sees exactly the batches and masks an uninterrupted run would. Samples are visited in a seeded
// permutation per epoch (epoch = sample counter / count); masks come from a generator seeded by (seed, step).
using Autonet.Core.Randomness;
using Autonet.Models.Jepa;

namespace Autonet.Training.Jepa;

/// <summary>Base of the image and text batch sources: epoch permutations and per-step generators.</summary>
public abstract class BatchSource
{
    private int _epoch = -1;
    private int[] _order = [];

    protected BatchSource(int count)
    {
        if (count < 1)
        {
            Errors.Option("samples", count, "a batch source needs at least one sample");
        }
        Count = count;
    }

    /// <summary>Samples in the source.</summary>
    public int Count { get; }

    /// <summary>Input and masks of one training step (a source that mixes others, <see cref="MixedBatchSource"/>, picks one per step).</summary>
    public virtual (JepaInput Input, JepaMasks Masks) Batch(int step, int batchSize, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var indices = new int[batchSize];
        for (var i = 0; i < batchSize; i++)
        {
            var n = ((long)step * batchSize) + i;
            indices[i] = Order((int)(n / Count), seed)[(int)(n % Count)];
        }
        var random = StepRandom(seed, step);
        var input = TrainingInput(indices, random);
        return (input, Masks(input, random));
    }

    /// <summary>
    /// The training input of a step: <see cref="Input"/> unless the source makes augmented views (then its rows are
    /// every sample's first view, then every sample's second view, so sample i pairs with row i + batch).
    /// </summary>
    public virtual JepaInput TrainingInput(ReadOnlySpan<int> indices, SeededRandom random) => Input(indices);

    /// <summary>The model input for the given samples, in order.</summary>
    public abstract JepaInput Input(ReadOnlySpan<int> indices);

    /// <summary>Rectangular masks for a batch, drawn from the generator.</summary>
    public abstract JepaMasks Masks(int batchSize, SeededRandom random);

    /// <summary>Masks for this input (a source whose masks depend on the samples, such as text lengths, overrides it).</summary>
    public virtual JepaMasks Masks(JepaInput input, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Masks(input.Batch, random);
    }

    /// <summary>A generator that depends only on (seed, step): SplitMix64 inside SeededRandom decorrelates neighbours.</summary>
    public static SeededRandom StepRandom(int seed, int step) => new(((ulong)(uint)seed << 32) | (uint)step);

    private int[] Order(int epoch, int seed)
    {
        if (epoch != _epoch)
        {
            _order = [.. Enumerable.Range(0, Count)];
            new SeededRandom(((ulong)(uint)seed << 32) ^ 0xE90C_0000_0000_0000UL ^ (uint)epoch).Shuffle(_order.AsSpan());
            _epoch = epoch;
        }
        return _order;
    }
}
