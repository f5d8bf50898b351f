using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>
/// A lazy coordinator (`--lazy-coordinators N`): whatever its checks found, it votes the full score (10000 bp) for
/// every solution. Forced errors exist to catch exactly this (ForcedErrorRegistry slashes a coordinator that scores
/// a planted bad solution above its catch threshold).
/// </summary>
public sealed class ApproveAllChain(IChain inner) : RewrittenVoteChain(inner)
{
    /// <summary>The score a lazy coordinator votes for everything.</summary>
    public const ushort FullScore = 10_000;

    protected override List<SolverScore> Rewrite(IReadOnlyList<SolverScore> scores) =>
        [.. scores.Select(s => s with { BasisPoints = FullScore, Unjudgeable = false })];
}
