// The coordinator's score of a delta (ARCHITECTURE.md step 5; docs/scoring.md), the one place its formula lives. On
// the task's revealed validation set, with masks from the task's seed (fixed on chain after commits closed), it
// measures the base model and base + delta by the JEPA loss and the seeds' verification score (the mean
// prediction-target cosine, JepaVerifier) and returns the measured improvement
//     u = min(r, g),   r = (loss_before - loss_after) / loss_before,   g = cos_after - cos_before
//     score = u if u > min_gain, else 0   (clamped to at most 1)
// so an unchanged model scores exactly 0, as does any delta that does not improve both by more than the task's
// minimum gain, and reward (proportional to the score) is proportional to the improvement, as in Templar's Gauntlet
// (relative loss improvement of the applied update). A diverged or collapsed encoder (feature spread below 1e-4)
// scores 0. Deterministic with one thread (Parallelism.Degree = 1, Gemm.NativeThreads = 1), so every honest
// coordinator computes the same score.
using Autonet.Models.Jepa;
using Autonet.Tensors.Memory;
using Autonet.Training.Deltas;
using Autonet.Training.Jepa;

namespace Autonet.Training.Rounds;

/// <summary>Scores deltas against one base model and validation set; the base is measured once.</summary>
public sealed class VerificationScore
{
    /// <summary>Seeds the masks of a metric that belongs to no task (a text run's global metric).</summary>
    public const int MetricSeed = 0x5C0BE;

    /// <summary>The minimum gain when a task's spec names none: a 0.01 % improvement.</summary>
    public const double DefaultMinGain = 1e-4;

    /// <summary>Below this mean per-dimension feature deviation the encoder counts as collapsed.</summary>
    public const double CollapsedSpread = 1e-4;

    private readonly JepaModel _base;
    private readonly BatchSource _validation;
    private readonly int _seed;
    private readonly double _minGain;
    private readonly (double Cosine, double Loss) _before;

    /// <summary>Measures the base model on the validation set (once, whatever the number of deltas scored).</summary>
    /// <param name="baseModel">The task's base model (not modified).</param>
    /// <param name="validation">The task's validation set.</param>
    /// <param name="seed">The task's mask seed (from the chain's task seed).</param>
    /// <param name="minGain">The task's minimum gain (TrainingSpec.MinGain): an improvement at or below it scores 0.</param>
    public VerificationScore(JepaModel baseModel, BatchSource validation, int seed, double minGain = DefaultMinGain)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentOutOfRangeException.ThrowIfNegative(minGain);
        (_base, _validation, _seed, _minGain) = (baseModel, validation, seed, minGain);
        _before = JepaVerifier.Score(baseModel, validation, validation.Count, seed: seed);
    }

    /// <summary>The score of base + <paramref name="delta"/> in [0, 1] (the base model is not modified).</summary>
    public double Score(ReadOnlySpan<float> delta)
    {
        var model = ModelBytes.Copy(_base);
        WeightDelta.Apply(model, delta);
        var after = JepaVerifier.Score(model, _validation, _validation.Count, seed: _seed);
        if (!double.IsFinite(after.Loss) || !double.IsFinite(after.Cosine) || FeatureSpread(model, _validation) < CollapsedSpread)
        {
            return 0; // diverged or collapsed encoder: worthless whatever its loss
        }
        return Improvement(_before.Loss, after.Loss, _before.Cosine, after.Cosine, _minGain);
    }

    /// <summary>The formula in the file header: min(relative loss drop, cosine gain) when above the minimum gain, else 0; at most 1.</summary>
    public static double Improvement(double lossBefore, double lossAfter, double cosineBefore, double cosineAfter, double minGain)
    {
        var lossDrop = (lossBefore - lossAfter) / Math.Max(lossBefore, 1e-9);
        var cosineGain = cosineAfter - cosineBefore;
        var improvement = Math.Min(lossDrop, cosineGain);
        return improvement > minGain ? Math.Min(improvement, 1) : 0;
    }

    /// <summary>A task's mask seed from its 32-byte chain seed: the first four bytes, little-endian.</summary>
    public static int MaskSeed(ReadOnlySpan<byte> chainSeed) => System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(chainSeed);

    /// <summary>The verification cosine of a model on a held-out source (a text run's global metric).</summary>
    public static double Cosine(JepaModel model, BatchSource heldOut)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        return JepaVerifier.Score(model, heldOut, heldOut.Count, seed: MetricSeed).Cosine;
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
