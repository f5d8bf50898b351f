namespace Autonet.Training.Evaluation;

/// <summary>How a linear probe is trained: mini-batch Adam on softmax cross-entropy with L2, over standardized features.</summary>
public sealed record LinearProbeOptions
{
    public int Epochs { get; init; } = 10;

    public int BatchSize { get; init; } = 256;

    public float LearningRate { get; init; } = 1e-3f;

    public float WeightDecay { get; init; } = 1e-4f;

    public int Seed { get; init; } = 1;

    /// <summary>Throws naming the option when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize, nameof(BatchSize));
        if (!(LearningRate > 0) || !float.IsFinite(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "learning rate must be a finite number > 0");
        }

        if (!(WeightDecay >= 0) || !float.IsFinite(WeightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "weight decay must be a finite number >= 0");
        }
    }
}
