// A solver's part of a round (ARCHITECTURE.md step 2): train a copy of the task's base model on the node's own data
// with Autonet.Training's loop (VICReg terms, warmup + cosine, clipping) for the task's recipe, and return the
// delta trained - base in the one delta format's flat order. The base model is not modified, so a node decodes it
// once per task. Seeds come from the node and the round, so a rerun on the same data gives the same bytes.
using Autonet.Models.Jepa;
using Autonet.Training.Deltas;
using Autonet.Training.Jepa;

namespace Autonet.Training.Rounds;

/// <summary>Trains a delta from a base model on local data.</summary>
public static class LocalTraining
{
    /// <summary>Runs the recipe on a copy of <paramref name="baseModel"/>; returns trained - base.</summary>
    /// <exception cref="InvalidOperationException">Training diverged (the message names the step).</exception>
    public static float[] TrainDelta(JepaModel baseModel, BatchSource data, TrainingSpec spec, ulong nodeSeed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(spec);
        var model = ModelBytes.Copy(baseModel);
        var options = new TrainingOptions
        {
            Steps = spec.Steps,
            BatchSize = Math.Min(spec.Batch, data.Count),
            LearningRate = spec.LearningRate,
            MinLearningRate = spec.LearningRate / 100,
            MomentumStart = spec.EmaMomentum,
            Seed = (int)(uint)(nodeSeed ^ (ulong)spec.Seed),
            MetricsEvery = 0,
        };
        var trainer = new JepaTrainer(model, data, options);
        while (!trainer.Done)
        {
            cancellationToken.ThrowIfCancellationRequested();
            trainer.TrainStep(); // throws naming the step when the loss diverges
        }
        return WeightDelta.Compute(baseModel, model);
    }
}
