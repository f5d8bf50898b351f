// The seeds' verification score: the mean cosine similarity between the predictor's outputs and the layer-normed
// target embeddings over every target position of a validation set, with masks drawn from a fixed seed. The same
// bytes in give the same score out when run with one thread (Parallelism.Degree = 1, Gemm.NativeThreads = 1), which
// is how coordinators compute it; sums are in double in a fixed order. Image-only, text-only and multimodal data alike
// (a multimodal model's rows are its masked patches, masked spans and cross-modal predictions, one shared space).
using Autonet.Models.Jepa;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Ops;

namespace Autonet.Training.Jepa;

/// <summary>Deterministic validation scores of a JEPA model: cosine score and loss.</summary>
public static class JepaVerifier
{
    public const int DefaultSeed = 20_240_001;

    /// <summary>Mean cosine(prediction, target) and mean smooth-L1 loss over the first samples of a validation source.</summary>
    public static (double Cosine, double Loss) Score(JepaModel model, BatchSource validation, int samples, int batchSize = 32, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        samples = Math.Min(samples, validation.Count);
        var arena = new ActivationArena(1 << 20);
        double cosineSum = 0, lossSum = 0;
        long rows = 0;
        var batches = 0;
        for (var start = 0; start < samples; start += batchSize)
        {
            arena.Reset();
            var count = Math.Min(batchSize, samples - start);
            var input = validation.Input([.. Enumerable.Range(start, count)]);
            var masks = validation.Masks(input, BatchSource.StepRandom(seed, batches));
            var (pred, target) = model.Predict(input, masks, arena);
            var cos = arena.Take(pred.Rows);
            Cosine.Forward(pred.Reshape(pred.Rows, pred.Last), target.Reshape(target.Rows, target.Last), cos);
            foreach (var c in cos.Span)
            {
                cosineSum += c;
            }
            rows += cos.Length;
            lossSum += Loss.SmoothL1(pred, target, null);
            batches++;
        }
        return (cosineSum / rows, lossSum / batches);
    }
}
