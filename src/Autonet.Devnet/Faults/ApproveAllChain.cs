using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>
/// A lazy coordinator (`--lazy-coordinators N`): whatever its checks found, it votes the full score (10000 bp) for
/// every solution. Forced errors exist to catch exactly this (ForcedErrorRegistry slashes a coordinator that scores
/// a planted bad solution above its catch threshold).
/// </summary>
public sealed class ApproveAllChain(IChain inner) : ForwardingChain(inner)
{
    /// <summary>The score a lazy coordinator votes for everything.</summary>
    public const ushort FullScore = 10_000;

    public override Task CommitVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken) =>
        Inner.CommitVoteAsync(taskId, Full(scores), false, salt, cancellationToken);

    public override Task RevealVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken) =>
        Inner.RevealVoteAsync(taskId, Full(scores), false, salt, cancellationToken);

    private static List<SolverScore> Full(IReadOnlyList<SolverScore> scores) =>
        [.. scores.Select(s => s with { BasisPoints = FullScore, Unjudgeable = false })];
}
