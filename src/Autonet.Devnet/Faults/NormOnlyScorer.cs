using System.Diagnostics.CodeAnalysis;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;
using Autonet.Training.Jepa;

namespace Autonet.Devnet.Faults;

/// <summary>
/// A coordinator that judges deltas by their size and never evaluates a model (CoordinatorFault.NormFilter,
/// `--coordinator-attack norm-filter`): the role's checks still run (CID, decoding, the norm bound, replays), but in
/// place of the verification score a delta whose norm is at most <see cref="MaxRatio"/> of the base model's scores
/// <see cref="PassScore"/>, a larger one 0. That caught the old forced error (minus the base: ratio exactly 1, about
/// 10 times an honest delta's); a plausible plant (ForcedErrorTrainer: a trained delta's harmful direction, honest in
/// size) passes, so the filter scores it above 0 and ForcedErrorRegistry slashes it.
/// </summary>
public sealed class NormOnlyScorer(IDeltaScorer honest) : IDeltaScorer
{
    /// <summary>Largest norm, as a fraction of the base model's norm, that the filter lets through.</summary>
    public const double MaxRatio = 0.25;

    /// <summary>The score of a delta the filter lets through (0.5 = 5000 bp).</summary>
    public const double PassScore = 0.5;

    // Decoding the set is cheap and keeps the role's ground-truth check; only the scoring is skipped.
    public bool TryDecodeValidationSet(
        IModel baseModel, byte[] bytes, TaskView task, [NotNullWhen(true)] out IValidationSet? validationSet, [NotNullWhen(false)] out string? reason) =>
        honest.TryDecodeValidationSet(baseModel, bytes, task, out validationSet, out reason);

    public Task<double> ScoreAsync(IModel baseModel, IValidationSet validationSet, float[] delta, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var ratio = Norm(delta) / Math.Max(Norm(ModelBytes.Flatten(JepaBase.Of(baseModel))), 1e-12);
        return Task.FromResult(ratio <= MaxRatio ? PassScore : 0);
    }

    private static double Norm(ReadOnlySpan<float> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (double)v * v;
        }
        return Math.Sqrt(sum);
    }
}
