namespace Autonet.Tensors.Optim;

/// <summary>
/// Linear warmup from 0 to <see cref="BaseLr"/> over the warmup steps, then half-cosine decay to <see cref="MinLr"/>
/// at <see cref="TotalSteps"/> (Loshchilov and Hutter 2017, SGDR without restarts; as in MAE/I-JEPA). The same
/// shape serves momentum and weight-decay schedules by choosing base and final values.
/// </summary>
public sealed record LrSchedule
{
    public LrSchedule(float baseLr, int warmupSteps, int totalSteps, float minLr = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        if (warmupSteps > totalSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, $"warmup steps must be <= total steps {totalSteps}");
        }
        (BaseLr, WarmupSteps, TotalSteps, MinLr) = (baseLr, warmupSteps, totalSteps, minLr);
    }

    public float BaseLr { get; }

    public int WarmupSteps { get; }

    public int TotalSteps { get; }

    public float MinLr { get; }

    /// <summary>Value at a 0-based step; steps past the end hold the final value.</summary>
    public float At(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (step < WarmupSteps)
        {
            return BaseLr * (step + 1) / WarmupSteps;
        }
        if (step >= TotalSteps)
        {
            return MinLr;
        }
        var progress = (double)(step - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps);
        return (float)(MinLr + (0.5 * (BaseLr - MinLr) * (1 + Math.Cos(Math.PI * progress))));
    }
}
