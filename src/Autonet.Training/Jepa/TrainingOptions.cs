// Optimisation options of a JEPA run (I-JEPA's recipe scaled down: AdamW, linear warmup then cosine, EMA momentum
// 0.996 -> 1.0 linearly over the run, global-norm clipping). Validated up front, naming the option and the rule.
namespace Autonet.Training.Jepa;

/// <summary>How a JEPA model is trained: steps, batch, schedules, seed, logging and checkpoint cadence.</summary>
public sealed record TrainingOptions
{
    public int Steps { get; init; } = 1000;

    public int BatchSize { get; init; } = 64;

    public float LearningRate { get; init; } = 1e-3f;

    public float MinLearningRate { get; init; } = 1e-5f;

    /// <summary>Warmup steps; default 5% of the run.</summary>
    public int? WarmupSteps { get; init; }

    public float WeightDecay { get; init; } = 0.05f;

    public float MomentumStart { get; init; } = 0.996f;

    public float MomentumEnd { get; init; } = 1.0f;

    public float GradClip { get; init; } = 1.0f;

    public int Seed { get; init; } = 1;

    /// <summary>Collapse metrics (std, effective rank of target features) every this many steps; 0 = never.</summary>
    public int MetricsEvery { get; init; } = 50;

    /// <summary>Rows of the fixed batch the collapse metrics are measured on.</summary>
    public int MetricsSamples { get; init; } = 256;

    public int EffectiveWarmup => WarmupSteps ?? Math.Max(1, Steps / 20);

    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (Steps < 1)
        {
            Errors.Option("steps", Steps, "must be at least 1");
        }
        if (BatchSize < 1)
        {
            Errors.Option("batch_size", BatchSize, "must be at least 1");
        }
        if (!(LearningRate > 0) || !(MinLearningRate >= 0) || MinLearningRate > LearningRate)
        {
            Errors.Option("lr", LearningRate, $"need 0 <= min_lr ({MinLearningRate}) <= lr and lr > 0");
        }
        if (EffectiveWarmup < 0 || EffectiveWarmup > Steps)
        {
            Errors.Option("warmup_steps", EffectiveWarmup, $"must be in 0..steps ({Steps})");
        }
        if (MomentumStart is < 0 or > 1 || MomentumEnd is < 0 or > 1)
        {
            Errors.Option("momentum", $"{MomentumStart}->{MomentumEnd}", "EMA momentum must be in [0, 1]");
        }
        if (!(GradClip > 0) || WeightDecay < 0 || MetricsEvery < 0 || MetricsSamples < 2)
        {
            Errors.Option("grad_clip", GradClip, $"must be > 0 (weight_decay {WeightDecay} >= 0, metrics_every {MetricsEvery} >= 0, metrics_samples {MetricsSamples} >= 2)");
        }
    }

    /// <summary>EMA momentum at a 0-based step: linear from start to end over the run (I-JEPA's schedule).</summary>
    public float MomentumAt(int step) => MomentumStart + ((MomentumEnd - MomentumStart) * Math.Min(step, Steps) / Steps);
}
