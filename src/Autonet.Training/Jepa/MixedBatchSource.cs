// Two batch sources as one training stream: each step's whole batch comes from the second source with probability
// Fraction, else from the first, drawn from a generator of (seed, step) alone, so a resumed run sees the same batches.
// Whole batches, not samples, because JEPA masks are rectangular (JepaMasks cuts every sample to the batch minimum):
// a mixed batch would cut a next-turn query's 32 targets down to a span batch's fewer ones. Each source keeps its own
// epoch order and its own per-step masks. Evaluation (Input, Masks) reads the first source.
using Autonet.Core.Randomness;
using Autonet.Models.Jepa;

namespace Autonet.Training.Jepa;

/// <summary>Per step, the batch of <see cref="Second"/> with probability <see cref="Fraction"/>, else of <see cref="First"/>.</summary>
public sealed class MixedBatchSource : BatchSource
{
    /// <exception cref="ArgumentException"><paramref name="fraction"/> is outside [0, 1].</exception>
    public MixedBatchSource(BatchSource first, BatchSource second, double fraction)
        : base(first?.Count ?? 0)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (!(fraction is >= 0 and <= 1))
        {
            Errors.Option("next_turn_fraction", fraction, "the share of steps drawn from the second source must be in [0, 1]");
        }
        (First, Second, Fraction) = (first, second, fraction);
    }

    public BatchSource First { get; }

    public BatchSource Second { get; }

    public double Fraction { get; }

    /// <summary>True when step <paramref name="step"/>'s batch comes from <see cref="Second"/>.</summary>
    public bool FromSecond(int step, int seed) =>
        new SeededRandom(((ulong)(uint)seed << 32) ^ 0x4E78_0000_0000_0000UL ^ (uint)step).NextDouble() < Fraction;

    public override (JepaInput Input, JepaMasks Masks) Batch(int step, int batchSize, int seed) =>
        (FromSecond(step, seed) ? Second : First).Batch(step, batchSize, seed);

    public override JepaInput Input(ReadOnlySpan<int> indices) => First.Input(indices);

    public override JepaMasks Masks(int batchSize, SeededRandom random) => First.Masks(batchSize, random);

    public override JepaMasks Masks(JepaInput input, SeededRandom random) => First.Masks(input, random);
}
