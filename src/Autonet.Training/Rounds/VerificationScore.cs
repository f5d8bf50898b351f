// The coordinator's score of a delta (ARCHITECTURE.md step 5), the one place its formula lives. On the revealed
// validation set, with masks from a fixed seed, it measures the base model and base + delta by the JEPA loss and the
// seeds' verification score (the mean prediction-target cosine, JepaVerifier) and returns
//     0.5 + min(r, g) / 2,   r = clamp((loss_before - loss_after) / loss_before, -1, 1),   g = clamp(cos_after - cos_before, -1, 1)
// so 0.5 means no change, a delta must improve both to score above 0.5, and one that doubles the loss scores 0
// whatever the cosine does. A diverged or collapsed encoder (feature spread below 1e-4) scores 0. Deterministic with
// one thread (Parallelism.Degree = 1, Gemm.NativeThreads = 1), so every honest coordinator computes the same score.
using Autonet.Models.Jepa;
using Autonet.Tensors.Memory;
using Autonet.Training.Deltas;
using Autonet.Training.Jepa;

namespace Autonet.Training.Rounds;

/// <summary>Scores deltas against one base model and validation set; the base is measured once.</summary>
public sealed class VerificationScore
{
    /// <summary>Seeds the validation masks; every coordinator uses the same.</summary>
    public const int Seed = 0x5C0BE;

    /// <summary>Below this mean per-dimension feature deviation the encoder counts as collapsed.</summary>
    public const double CollapsedSpread = 1e-4;

    private readonly JepaModel _base;
    private readonly BatchSource _validation;
    private readonly (double Cosine, double Loss) _before;

    /// <summary>Measures the base model on the validation set (once, whatever the number of deltas scored).</summary>
    public VerificationScore(JepaModel baseModel, BatchSource validation)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(validation);
        (_base, _validation) = (baseModel, validation);
        _before = JepaVerifier.Score(baseModel, validation, validation.Count, seed: Seed);
    }

    /// <summary>The score of base + <paramref name="delta"/> in [0, 1] (the base model is not modified).</summary>
    public double Score(ReadOnlySpan<float> delta)
    {
        var model = ModelBytes.Copy(_base);
        WeightDelta.Apply(model, delta);
        var after = JepaVerifier.Score(model, _validation, _validation.Count, seed: Seed);
        if (!double.IsFinite(after.Loss) || !double.IsFinite(after.Cosine) || FeatureSpread(model, _validation) < CollapsedSpread)
        {
            return 0; // diverged or collapsed encoder: worthless whatever its loss
        }
        return Quality(_before.Loss, after.Loss, _before.Cosine, after.Cosine);
    }

    /// <summary>The formula in the file header: 0.5 + min(relative loss drop, cosine gain) / 2, each clamped to [-1, 1].</summary>
    public static double Quality(double lossBefore, double lossAfter, double cosineBefore, double cosineAfter)
    {
        var lossDrop = Math.Clamp((lossBefore - lossAfter) / Math.Max(lossBefore, 1e-9), -1, 1);
        var cosineGain = Math.Clamp(cosineAfter - cosineBefore, -1, 1);
        return 0.5 + (Math.Min(lossDrop, cosineGain) / 2);
    }

    /// <summary>The verification cosine of a model on a held-out source (a text run's global metric).</summary>
    public static double Cosine(JepaModel model, BatchSource heldOut)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        return JepaVerifier.Score(model, heldOut, heldOut.Count, seed: Seed).Cosine;
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
