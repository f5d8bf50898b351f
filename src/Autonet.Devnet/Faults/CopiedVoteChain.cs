using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>
/// A coordinator that copies instead of scoring (CoordinatorFault.CopyVotes, `--coordinator-attack copy-votes`). Votes
/// are committed as hashes, so in the verify window there is nothing to copy: it commits a guess (5000 bp for
/// everything). After the window, once another coordinator's vote is revealed, it reveals a copy of that vote with its
/// own salt. The commitment binds the scores (ResultsRewards.voteCommitment), so the reveal is refused (VoteMismatch):
/// its vote is never counted, it earns nothing, and, drawn, it is slashed at settleVote for not revealing.
/// </summary>
/// <param name="inner">The coordinator's honest chain view.</param>
/// <param name="revealedScores">Reads a coordinator's revealed scores of a task (ResultsRewards.scoresOf).</param>
public sealed class CopiedVoteChain(IChain inner, Func<ulong, Address, CancellationToken, Task<IReadOnlyList<ushort>>> revealedScores) : ForwardingChain(inner)
{
    public override Task CommitVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken) =>
        Inner.CommitVoteAsync(taskId, [.. scores.Select(s => s with { BasisPoints = FlatVoteChain.FlatScore, Unjudgeable = false })], false, salt, cancellationToken);

    /// <exception cref="InvalidOperationException">No other coordinator has revealed yet: there is nothing to copy.</exception>
    public override async Task RevealVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken)
    {
        var task = await Inner.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        var other = task?.Voters.FirstOrDefault(v => v != Account)
            ?? throw new InvalidOperationException($"copy-votes: no other coordinator has revealed a vote on task {taskId} yet, nothing to copy");
        var copied = await revealedScores(taskId, other, cancellationToken).ConfigureAwait(false);
        var copy = scores.Select((s, i) => s with { BasisPoints = copied[i], Unjudgeable = false }).ToList();
        await Inner.RevealVoteAsync(taskId, copy, false, salt, cancellationToken).ConfigureAwait(false);
    }
}
