// The JEPA training loop (I-JEPA, Assran et al. 2023, §3 and Appendix C, scaled down): per step, the batch and masks
// of that step (a function of seed and step only), forward + backward, global-norm clipping over encoder and predictor
// together, AdamW with warmup + cosine learning rate, then the EMA target update with momentum rising 0.996 -> 1.0.
// With Parallelism.Degree = 1 and Gemm.NativeThreads = 1 two runs with one seed are bit-identical, resumed or not.
using System.Numerics.Tensors;
using Autonet.Models.Jepa;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Optim;
using Autonet.Training.Evaluation;

namespace Autonet.Training.Jepa;

/// <summary>Trains one <see cref="JepaModel"/> on one <see cref="BatchSource"/>; logs collapse metrics periodically.</summary>
public sealed class JepaTrainer
{
    private readonly ActivationArena _activations = new(1 << 20);
    private readonly LrSchedule _schedule;

    public JepaTrainer(JepaModel model, BatchSource data, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        (Model, Data, Options) = (model, data, options);
        _schedule = new LrSchedule(options.LearningRate, options.EffectiveWarmup, options.Steps, options.MinLearningRate);
        EncoderOptimizer = new AdamW(model.Encoder, weightDecay: options.WeightDecay);
        PredictorOptimizer = new AdamW(model.Predictor, weightDecay: options.WeightDecay);
    }

    public JepaModel Model { get; }

    public BatchSource Data { get; }

    public TrainingOptions Options { get; }

    public AdamW EncoderOptimizer { get; }

    public AdamW PredictorOptimizer { get; }

    /// <summary>Steps completed (the next step's 0-based index).</summary>
    public int Step { get; set; }

    public bool Done => Step >= Options.Steps;

    /// <summary>Runs the next step.</summary>
    /// <exception cref="InvalidOperationException">The loss became NaN or infinite (diverged).</exception>
    public StepResult TrainStep()
    {
        _activations.Reset();
        Model.Encoder.ZeroGrads();
        Model.Predictor.ZeroGrads();
        var (input, masks) = Data.Batch(Step, Options.BatchSize, Options.Seed);
        var loss = Model.ForwardBackward(input, masks, _activations);
        if (!float.IsFinite(loss))
        {
            throw new InvalidOperationException($"training diverged: loss is {loss} at step {Step + 1}; lower --lr (now {Options.LearningRate}) or check the data");
        }
        var norm = ClipGradients(Options.GradClip);
        var lr = _schedule.At(Step);
        EncoderOptimizer.Update(lr);
        PredictorOptimizer.Update(lr);
        var momentum = Options.MomentumAt(Step);
        Model.UpdateTarget(momentum);
        Step++;
        var collapse = Options.MetricsEvery > 0 && (Step % Options.MetricsEvery == 0 || Step == Options.Steps) ? MeasureCollapse() : null;
        return new StepResult(Step, loss, lr, momentum, norm, collapse, Model.LastLosses);
    }

    /// <summary>Mean per-dim std and effective rank of target-encoder features of the first MetricsSamples samples.</summary>
    public CollapseMetrics MeasureCollapse()
    {
        var n = Math.Min(Options.MetricsSamples, Data.Count);
        var features = FeatureExtractor.Extract(Model, Data, [.. Enumerable.Range(0, n)], _activations);
        return CollapseMetrics.Measure(features, n, Model.Config.Width);
    }

    // One global norm over both trained arenas (torch clip_grad_norm_ over all parameters); returns the norm before clipping.
    private double ClipGradients(float maxNorm)
    {
        var sum = 0.0;
        foreach (var arena in new[] { Model.Encoder, Model.Predictor })
        {
            sum += SumSquares(arena.Grads);
        }
        var norm = Math.Sqrt(sum);
        if (norm > maxNorm)
        {
            var scale = (float)(maxNorm / (norm + 1e-6));
            TensorPrimitives.Multiply(Model.Encoder.Grads, scale, Model.Encoder.Grads);
            TensorPrimitives.Multiply(Model.Predictor.Grads, scale, Model.Predictor.Grads);
        }
        return norm;
    }

    // Sum of squares in double over fixed 4096-float chunks, so the result does not depend on threading.
    private static double SumSquares(ReadOnlySpan<float> x)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i += 4096)
        {
            sum += TensorPrimitives.SumOfSquares(x.Slice(i, Math.Min(4096, x.Length - i)));
        }
        return sum;
    }
}
