// The ITrainer port over Autonet.Training: a solver trains the base model (Autonet.Models' JEPA, anti-collapse terms
// included) on its own images or conversation windows with Autonet.Training's loop and returns base-to-trained deltas; a coordinator scores a
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

/// <summary>JEPA training on a node's own data (images or text windows) and deterministic scoring.</summary>
public sealed class JepaTrainer : ITrainer
{
    private const int ScoreSeed = 0x5C0BE;
    private readonly Func<JepaConfig, BatchSource>? _localData;
    private readonly ulong _nodeSeed;

    /// <param name="localData">The node's own data as a batch source for the base model's config; null for a node that does not train.</param>
    /// <param name="nodeSeed">Seeds this node's batches and masks.</param>
    public JepaTrainer(Func<JepaConfig, BatchSource>? localData, ulong nodeSeed) => (_localData, _nodeSeed) = (localData, nodeSeed);

    /// <summary>A solver whose local data is the given images of a data set (its non-IID share).</summary>
    public JepaTrainer(ImageDataset? localData, int[] localIndices, ulong nodeSeed)
        : this(localData is null || localIndices is not { Length: > 0 } ? null : config => new ImageBatchSource(localData.Subset(localIndices), config), nodeSeed)
    {
    }

    /// <summary>A seeded genesis model (round 0) of the given architecture.</summary>
    public static byte[] Genesis(JepaConfig config, int seed) => ModelCodec.Serialize(new JepaModel(config, seed));

    public Task<byte[]> TrainAsync(byte[] baseModel, string trainingSpec, CancellationToken cancellationToken)
    {
        if (_localData is null)
        {
            throw new InvalidOperationException("this node has no local training data");
        }
        var spec = TrainingSpec.Parse(trainingSpec);
        var model = ModelCodec.Deserialize(baseModel);
        var start = ModelCodec.Flatten(model);
        var source = _localData(model.Config);
        var options = new TrainingOptions
        {
            Steps = spec.Steps,
            BatchSize = Math.Min(spec.Batch, source.Count),
            LearningRate = spec.LearningRate,
            MinLearningRate = spec.LearningRate / 100,
            MomentumStart = spec.EmaMomentum,
            Seed = (int)(uint)(_nodeSeed ^ (ulong)spec.Seed),
            MetricsEvery = 0,
        };
        var trainer = new LocalTrainer(model, source, options);
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
        var images = ValidationSet.Decode(validationSet, model.Config);
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

    /// <summary>The seeds' verification score of a serialized model on a held-out source (a run's text metric).</summary>
    public static double Cosine(byte[] model, BatchSource heldOut)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        return JepaVerifier.Score(ModelCodec.Deserialize(model), heldOut, heldOut.Count, seed: ScoreSeed).Cosine;
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
    private static double FeatureSpread(JepaModel model, BatchSource images)
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
