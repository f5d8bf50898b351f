using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>
/// A coordinator that votes something other than what its checks found: the honest role computes its scores, and this
/// chain commits and reveals <see cref="Rewrite"/> of them instead (the same rewrite both times, so the reveal matches
/// the commitment), never flagging the ground truth. The coordinator faults are rewrites of this one kind.
/// </summary>
public abstract class RewrittenVoteChain(IChain inner) : ForwardingChain(inner)
{
    public sealed override Task CommitVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken) =>
        Inner.CommitVoteAsync(taskId, Rewrite(scores), false, salt, cancellationToken);

    public sealed override Task RevealVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken) =>
        Inner.RevealVoteAsync(taskId, Rewrite(scores), false, salt, cancellationToken);

    /// <summary>The vote sent in place of the honest <paramref name="scores"/> (deterministic in them).</summary>
    protected abstract List<SolverScore> Rewrite(IReadOnlyList<SolverScore> scores);
}
