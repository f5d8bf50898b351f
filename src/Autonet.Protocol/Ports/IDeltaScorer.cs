using System.Diagnostics.CodeAnalysis;

namespace Autonet.Protocol.Ports;

/// <summary>A coordinator's own measurement of a delta (Autonet.Training's verification score), never the solver's numbers.</summary>
public interface IDeltaScorer
{
    /// <summary>
    /// Decodes the revealed validation set of <paramref name="task"/> for its base model, with the task's seed and
    /// training spec (minimum gain); false with the reason when the set (or the spec) is unusable: that is the
    /// proposer's fault, and the coordinator votes the ground truth bad.
    /// </summary>
    bool TryDecodeValidationSet(
        IModel baseModel, byte[] bytes, TaskView task, [NotNullWhen(true)] out IValidationSet? validationSet, [NotNullWhen(false)] out string? reason);

    /// <summary>
    /// Measured improvement of base + delta over the base on the validation set, in [0, 1] and exactly 0 for none,
    /// deterministic so every honest coordinator computes the same number; the base's own measurement is made once
    /// per (base, validation set), not once per delta.
    /// </summary>
    Task<double> ScoreAsync(IModel baseModel, IValidationSet validationSet, float[] delta, CancellationToken cancellationToken);
}
