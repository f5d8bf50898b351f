using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>
/// One Sybil of an attacker that splits its stake over many minimum-stake coordinators to fill the committee and route
/// the solver pool (CoordinatorFault.SybilFill, `--coordinator-attack sybil-fill`): every Sybil votes the full score
/// for the first revealed solution and 0 for every other, flagging nothing. The committee is drawn by stake
/// (Committee.sol: a coordinator with 1/16 of the committed stake always sits) and every vote weighs its stake, so while
/// the Sybils together hold less than half the stake the honest coordinator still sits and its scores are the consensus.
/// </summary>
public sealed class SybilFillChain(IChain inner) : RewrittenVoteChain(inner)
{
    /// <summary>The score the Sybils give the solution they route the pool to.</summary>
    public const ushort RoutedScore = 10_000;

    protected override List<SolverScore> Rewrite(IReadOnlyList<SolverScore> scores) =>
        [.. scores.Select((s, i) => s with { BasisPoints = i == 0 ? RoutedScore : (ushort)0, Unjudgeable = false })];
}
