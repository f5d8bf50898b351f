// The Protocol's delta scorer over Autonet.Training's VerificationScore (the formula lives there). A decoded
// validation set carries the VerificationScore of its base model, so the base is measured once per task.
using System.Diagnostics.CodeAnalysis;
using Autonet.Protocol.Ports;
using Autonet.Training.Jepa;
using Autonet.Training.Rounds;

namespace Autonet.Node.Adapters;

/// <summary>A coordinator's deterministic scoring of deltas.</summary>
public sealed class JepaDeltaScorer : IDeltaScorer
{
    public bool TryDecodeValidationSet(
        IModel baseModel, byte[] bytes, TaskView task, [NotNullWhen(true)] out IValidationSet? validationSet, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(task);
        var model = JepaBase.Of(baseModel);
        validationSet = null;
        TrainingSpec spec;
        try
        {
            spec = TrainingSpec.Parse(task.TrainingSpec);
        }
        catch (FormatException e)
        {
            reason = $"the task's training spec is unusable: {e.Message}";
            return false;
        }
        var seed = VerificationScore.MaskSeed(task.Seed.ToArray());
        validationSet = ValidationSet.TryDecode(bytes, model.Config, out var source, out reason) ? new Decoded(model, source, seed, spec.MinGain) : null;
        return validationSet is not null;
    }

    public Task<double> ScoreAsync(IModel baseModel, IValidationSet validationSet, float[] delta, CancellationToken cancellationToken)
    {
        if (validationSet is not Decoded decoded || decoded.Base != JepaBase.Of(baseModel))
        {
            throw new ArgumentException("the validation set was not decoded by this scorer for this base model", nameof(validationSet));
        }
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(decoded.Score.Value.Score(delta));
    }

    private sealed class Decoded(Models.Jepa.JepaModel baseModel, BatchSource source, int seed, double minGain) : IValidationSet
    {
        public Models.Jepa.JepaModel Base { get; } = baseModel;

        public int Count => source.Count;

        // The base's own measurement, made on first use and kept for every later delta.
        public Lazy<VerificationScore> Score { get; } = new(() => new VerificationScore(baseModel, source, seed, minGain));
    }
}
