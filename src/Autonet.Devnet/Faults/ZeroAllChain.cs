using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>
/// A griefing coordinator (CoordinatorFault.ZeroAll): whatever its checks found, it commits and reveals a score of 0
/// for every solution. With less than half the committee's stake it cannot lower the consensus (YumaConsensus: the
/// highest score a strict stake majority supports), so it zeroes nobody, earns less than the honest coordinators, and
/// none of them is slashed; the one thing it still catches is a forced error.
/// </summary>
public sealed class ZeroAllChain(IChain inner) : RewrittenVoteChain(inner)
{
    protected override List<SolverScore> Rewrite(IReadOnlyList<SolverScore> scores) =>
        [.. scores.Select(s => s with { BasisPoints = 0, Unjudgeable = false })];
}
