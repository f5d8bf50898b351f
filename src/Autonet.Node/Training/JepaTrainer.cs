// The ITrainer port over JepaNet: a solver trains from the base model on its own images and returns base-to-trained
// deltas; a coordinator scores a delta by the JEPA loss and the prediction-target cosine (the seeds' verification
// score) on the revealed validation set with fixed masks, base vs base+delta, and rejects a collapsed encoder.
// Everything is seeded, so two coordinators compute the same score.
using Autonet.Data.Images;
using Autonet.Data.Sampling;
using Autonet.Models.Masking;
using Autonet.Protocol.Ports;
using Autonet.Tensors;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Optim;

namespace Autonet.Node.Training;

/// <summary>I-JEPA training and deterministic scoring on Fashion-MNIST-like images (N, 28, 28).</summary>
public sealed class JepaTrainer(ImageDataset? localData, int[] localIndices, ulong nodeSeed) : ITrainer
{
    private const ulong ScoreSeed = 0x5C0BE;
    private static readonly ImageMasker Masker = new(new ImageMaskConfig());

    /// <summary>A seeded genesis model (round 0) of the given architecture.</summary>
    public static byte[] Genesis(JepaNetConfig config) => ModelCodec.Serialize(new JepaNet(config));

    public Task<byte[]> TrainAsync(byte[] baseModel, string trainingSpec, CancellationToken cancellationToken)
    {
        if (localData is null || localIndices.Length == 0)
        {
            throw new InvalidOperationException("this node has no local training data");
        }
        var spec = TrainingSpec.Parse(trainingSpec);
        var net = ModelCodec.Deserialize(baseModel);
        var start = net.Flatten();
        var random = new SeededRandom(nodeSeed ^ (ulong)spec.Seed);
        var encoderOpt = new AdamW(net.Encoder);
        var predictorOpt = new AdamW(net.Predictor);
        var arena = new ActivationArena();
        var batch = Math.Min(spec.Batch, localIndices.Length);
        for (var step = 0; step < spec.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            arena.Reset();
            var images = Batch(localData, localIndices, batch, random, arena);
            var (context, targets) = Masks(batch, random);
            net.Encoder.ZeroGrads();
            net.Predictor.ZeroGrads();
            var loss = net.Step(images, context, targets, arena, train: true);
            if (!float.IsFinite(loss))
            {
                throw new InvalidOperationException($"training diverged: loss {loss} at step {step}");
            }
            encoderOpt.Update(spec.LearningRate);
            predictorOpt.Update(spec.LearningRate);
            net.Target.RequireSameLayout(net.Encoder);
            Ema.Update(net.Target, net.Encoder, spec.EmaMomentum);
        }
        var trained = net.Flatten();
        for (var i = 0; i < trained.Length; i++)
        {
            trained[i] -= start[i];
        }
        return Task.FromResult(ModelCodec.SerializeDelta(net, trained));
    }

    public Task<double> ScoreAsync(byte[] baseModel, byte[] delta, byte[] validationSet, CancellationToken cancellationToken)
    {
        var images = ValidationSet.Decode(validationSet);
        var net = ModelCodec.Deserialize(baseModel);
        var (lossBefore, cosineBefore) = Validate(net, images, cancellationToken);
        var values = ModelCodec.DecodeDelta(net, delta);
        var flat = net.Flatten();
        for (var i = 0; i < flat.Length; i++)
        {
            flat[i] += values[i];
        }
        net.Unflatten(flat);
        var (lossAfter, cosineAfter) = Validate(net, images, cancellationToken);
        var spread = FeatureSpread(net, images);
        if (!double.IsFinite(lossAfter) || !double.IsFinite(cosineAfter) || spread < 1e-4)
        {
            return Task.FromResult(0.0); // diverged or collapsed encoder: worthless whatever its loss
        }
        return Task.FromResult(Quality(lossBefore, lossAfter, cosineBefore, cosineAfter));
    }

    public float[] DecodeDelta(byte[] baseModel, byte[] delta) => ModelCodec.DecodeDelta(ModelCodec.Deserialize(baseModel), delta);

    public byte[] ApplyDelta(byte[] baseModel, ReadOnlySpan<float> delta)
    {
        var net = ModelCodec.Deserialize(baseModel);
        var flat = net.Flatten();
        if (delta.Length != flat.Length)
        {
            throw new ArgumentException($"delta has {delta.Length} values, the model {flat.Length}", nameof(delta));
        }
        for (var i = 0; i < flat.Length; i++)
        {
            flat[i] += delta[i];
        }
        net.Unflatten(flat);
        return ModelCodec.Serialize(net);
    }

    internal static (int[] Context, int[] Targets) Masks(int batch, SeededRandom random)
    {
        var sets = Masker.SampleBatch(batch, random);
        var kc = sets.Min(s => s.Context.Length);
        var targets = sets.Select(s => s.Targets.SelectMany(t => t).ToArray()).ToArray();
        var kt = targets.Min(t => t.Length);
        return ([.. sets.SelectMany(s => s.Context.Take(kc))], [.. targets.SelectMany(t => t.Take(kt))]);
    }

    private static Tensor Batch(ImageDataset data, int[] indices, int batch, SeededRandom random, ActivationArena arena)
    {
        var pixels = data.PixelsPerImage;
        var images = arena.Take(batch, 1, data.Rows, data.Columns);
        for (var b = 0; b < batch; b++)
        {
            data.Image(indices[random.NextInt(indices.Length)]).CopyTo(images.Span.Slice(b * pixels, pixels));
        }
        return images;
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

    // Mean JEPA loss and mean prediction-target cosine on the validation images, masks from a fixed seed, in batch order.
    private static (double Loss, double Cosine) Validate(JepaNet net, Tensor images, CancellationToken cancellationToken)
    {
        var random = new SeededRandom(ScoreSeed);
        var arena = new ActivationArena();
        var (n, pixels) = (images.Shape[0], images.Length / images.Shape[0]);
        var total = 0.0;
        var cosineSum = 0.0;
        var positions = 0L;
        var batches = 0;
        for (var start = 0; start < n; start += 32)
        {
            cancellationToken.ThrowIfCancellationRequested();
            arena.Reset();
            var b = Math.Min(32, n - start);
            var slice = new Tensor(images.Data, images.Offset + (start * pixels), b, 1, images.Shape[2], images.Shape[3]);
            var (context, targets) = Masks(b, random);
            var (loss, cosine, rows) = net.Evaluate(slice, context, targets, arena);
            total += loss;
            cosineSum += cosine;
            positions += rows;
            batches++;
        }
        return (total / batches, cosineSum / positions);
    }

    // Mean over feature dimensions of the across-sample standard deviation (I-JEPA collapse check).
    private static double FeatureSpread(JepaNet net, Tensor images)
    {
        var arena = new ActivationArena();
        var features = net.Features(images, arena);
        var (n, c) = (features.Shape[0], features.Shape[1]);
        var spread = 0.0;
        for (var j = 0; j < c; j++)
        {
            double sum = 0, squares = 0;
            for (var i = 0; i < n; i++)
            {
                var v = features.Span[(i * c) + j];
                sum += v;
                squares += (double)v * v;
            }
            var mean = sum / n;
            spread += Math.Sqrt(Math.Max(0, (squares / n) - (mean * mean)));
        }
        return spread / c;
    }
}
