// The ITrainer port over Autonet.Training: a solver trains the base model (Autonet.Models' JEPA, anti-collapse terms
// included) on its own images with Autonet.Training's loop and returns base-to-trained deltas; a coordinator scores a
// delta by the JEPA loss and the prediction-target cosine (JepaVerifier, the seeds' verification score) on the
// revealed validation set with fixed masks, base vs base+delta, and rejects a collapsed encoder. Everything is
// seeded, so two coordinators compute the same score.
using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Protocol.Ports;
using Autonet.Tensors.Memory;
using Autonet.Training.Jepa;
using LocalTrainer = Autonet.Training.Jepa.JepaTrainer;

namespace Autonet.Node.Training;

/// <summary>I-JEPA training and deterministic scoring on Fashion-MNIST-like images (N, 28, 28).</summary>
public sealed class JepaTrainer(ImageDataset? localData, int[] localIndices, ulong nodeSeed) : ITrainer
{
    private const int ScoreSeed = 0x5C0BE;

    /// <summary>A seeded genesis model (round 0) of the given architecture.</summary>
    public static byte[] Genesis(JepaConfig config, int seed) => ModelCodec.Serialize(new JepaModel(config, seed));

    public Task<byte[]> TrainAsync(byte[] baseModel, string trainingSpec, CancellationToken cancellationToken)
    {
        if (localData is null || localIndices.Length == 0)
        {
            throw new InvalidOperationException("this node has no local training data");
        }
        var spec = TrainingSpec.Parse(trainingSpec);
        var model = ModelCodec.Deserialize(baseModel);
        var start = ModelCodec.Flatten(model);
        var options = new TrainingOptions
        {
            Steps = spec.Steps,
            BatchSize = Math.Min(spec.Batch, localIndices.Length),
            LearningRate = spec.LearningRate,
            MinLearningRate = spec.LearningRate / 100,
            MomentumStart = spec.EmaMomentum,
            Seed = (int)(uint)(nodeSeed ^ (ulong)spec.Seed),
            MetricsEvery = 0,
        };
        var trainer = new LocalTrainer(model, new ImageBatchSource(localData.Subset(localIndices), model.Config), options);
        while (!trainer.Done)
        {
            cancellationToken.ThrowIfCancellationRequested();
            trainer.TrainStep(); // throws naming the step when the loss diverges
        }
        var trained = ModelCodec.Flatten(model);
        for (var i = 0; i < trained.Length; i++)
        {
            trained[i] -= start[i];
        }
        return Task.FromResult(ModelCodec.SerializeDelta(model, trained));
    }

    public Task<double> ScoreAsync(byte[] baseModel, byte[] delta, byte[] validationSet, CancellationToken cancellationToken)
    {
        var model = ModelCodec.Deserialize(baseModel);
        var images = new ImageBatchSource(ValidationSet.Decode(validationSet), model.Config);
        var before = JepaVerifier.Score(model, images, images.Count, seed: ScoreSeed);
        var values = ModelCodec.DecodeDelta(model, delta);
        var flat = ModelCodec.Flatten(model);
        for (var i = 0; i < flat.Length; i++)
        {
            flat[i] += values[i];
        }
        ModelCodec.Unflatten(model, flat);
        cancellationToken.ThrowIfCancellationRequested();
        var after = JepaVerifier.Score(model, images, images.Count, seed: ScoreSeed);
        var spread = FeatureSpread(model, images);
        if (!double.IsFinite(after.Loss) || !double.IsFinite(after.Cosine) || spread < 1e-4)
        {
            return Task.FromResult(0.0); // diverged or collapsed encoder: worthless whatever its loss
        }
        return Task.FromResult(Quality(before.Loss, after.Loss, before.Cosine, after.Cosine));
    }

    public float[] DecodeDelta(byte[] baseModel, byte[] delta) => ModelCodec.DecodeDelta(ModelCodec.Deserialize(baseModel), delta);

    public byte[] ApplyDelta(byte[] baseModel, ReadOnlySpan<float> delta)
    {
        var model = ModelCodec.Deserialize(baseModel);
        var flat = ModelCodec.Flatten(model);
        if (delta.Length != flat.Length)
        {
            throw new ArgumentException($"delta has {delta.Length} values, the model {flat.Length}", nameof(delta));
        }
        for (var i = 0; i < flat.Length; i++)
        {
            flat[i] += delta[i];
        }
        ModelCodec.Unflatten(model, flat);
        return ModelCodec.Serialize(model);
    }

    /// <summary>
    /// 0.5 means no change; the rest is the smaller of two improvements, each clamped to [-1, 1]: the JEPA loss's
    /// relative drop r and the gain g of the seeds' verification score (the mean prediction-target cosine):
    /// 0.5 + min(r, g) / 2. A delta must improve both to score above 0.5, and one that doubles the loss scores 0
    /// whatever the cosine does (a first version averaged the two and let a sign-flipped delta score 0.26).
    /// </summary>
    internal static double Quality(double lossBefore, double lossAfter, double cosineBefore, double cosineAfter)
    {
        var lossDrop = Math.Clamp((lossBefore - lossAfter) / Math.Max(lossBefore, 1e-9), -1, 1);
        var cosineGain = Math.Clamp(cosineAfter - cosineBefore, -1, 1);
        return 0.5 + (Math.Min(lossDrop, cosineGain) / 2);
    }

    // Mean over feature dimensions of the across-sample standard deviation of target-encoder features (collapse check).
    private static double FeatureSpread(JepaModel model, ImageBatchSource images)
    {
        var c = model.Config.Width;
        var features = FeatureExtractor.Extract(model, images, [.. Enumerable.Range(0, images.Count)], new ActivationArena());
        var n = features.Length / c;
        var spread = 0.0;
        for (var j = 0; j < c; j++)
        {
            double sum = 0, squares = 0;
            for (var i = 0; i < n; i++)
            {
                var v = features[(i * c) + j];
                sum += v;
                squares += (double)v * v;
            }
            var mean = sum / n;
            spread += Math.Sqrt(Math.Max(0, (squares / n) - (mean * mean)));
        }
        return spread / c;
    }
}
