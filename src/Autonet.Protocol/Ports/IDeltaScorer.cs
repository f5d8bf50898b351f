using System.Diagnostics.CodeAnalysis;

namespace Autonet.Protocol.Ports;

/// <summary>A coordinator's own measurement of a delta (Autonet.Training's verification score), never the solver's numbers.</summary>
public interface IDeltaScorer
{
    /// <summary>Decodes the revealed validation set for the base model; false with the reason when it does not fit it.</summary>
    bool TryDecodeValidationSet(IModel baseModel, byte[] bytes, [NotNullWhen(true)] out IValidationSet? validationSet, [NotNullWhen(false)] out string? reason);

    /// <summary>
    /// Quality of base + delta on the validation set in [0, 1], deterministic so every honest coordinator computes the
    /// same number; the base's own measurement is made once per (base, validation set), not once per delta.
    /// </summary>
    Task<double> ScoreAsync(IModel baseModel, IValidationSet validationSet, float[] delta, CancellationToken cancellationToken);
}
