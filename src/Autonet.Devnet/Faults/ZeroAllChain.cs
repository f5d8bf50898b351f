using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>
/// A griefing coordinator (CoordinatorFault.ZeroAll): whatever its checks found, it commits and reveals a score of 0
/// for every solution. With less than half the committee's stake it cannot lower the consensus (YumaConsensus: the
/// highest score a strict stake majority supports), so it zeroes nobody, earns less than the honest coordinators, and
/// none of them is slashed; the one thing it still catches is a forced error.
/// </summary>
public sealed class ZeroAllChain(IChain inner) : ForwardingChain(inner)
{
    public override Task CommitVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken) =>
        Inner.CommitVoteAsync(taskId, Zero(scores), false, salt, cancellationToken);

    public override Task RevealVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken) =>
        Inner.RevealVoteAsync(taskId, Zero(scores), false, salt, cancellationToken);

    private static List<SolverScore> Zero(IReadOnlyList<SolverScore> scores) =>
        [.. scores.Select(s => s with { BasisPoints = 0, Unjudgeable = false })];
}
