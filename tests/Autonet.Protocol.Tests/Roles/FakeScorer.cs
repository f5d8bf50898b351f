using System.Diagnostics.CodeAnalysis;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>Any non-empty validation set decodes; scoring returns a fixed improvement or fails on demand.</summary>
internal sealed class FakeScorer(double quality) : IDeltaScorer
{
    public bool FailScoring { get; set; }

    public int ScoreCalls { get; private set; }

    public bool TryDecodeValidationSet(
        IModel baseModel, byte[] bytes, TaskView task, [NotNullWhen(true)] out IValidationSet? validationSet, [NotNullWhen(false)] out string? reason)
    {
        (validationSet, reason) = bytes.Length > 0 ? (new FakeValidationSet(bytes.Length), null) : ((IValidationSet?)null, "empty validation set");
        return validationSet is not null;
    }

    public Task<double> ScoreAsync(IModel baseModel, IValidationSet validationSet, float[] delta, CancellationToken cancellationToken)
    {
        ScoreCalls++;
        return FailScoring ? throw new InvalidOperationException("evaluation crashed") : Task.FromResult(quality);
    }

    private sealed record FakeValidationSet(int Count) : IValidationSet;
}
