using Autonet.Core.Ids;

namespace Autonet.Protocol.Ports;

/// <summary>
/// What the roles need from the contracts, as one node's signed account sees them. The chain client implements it
/// (Autonet.Chain, wired in Autonet.Node); every rule (deadlines, commitment check, stake) stays in Solidity, and a
/// rejected transaction surfaces as an exception from the implementation.
/// </summary>
public interface IChain
{
    /// <summary>This node's account, the sender of every transaction.</summary>
    Address Account { get; }

    /// <summary>Posts a task with the proposer's hidden validation-set commitment; returns the task id.</summary>
    Task<ulong> PostTaskAsync(TaskSpec spec, Hash32 groundTruthCommitment, CancellationToken cancellationToken);

    /// <summary>The task's current state; null when no such task exists.</summary>
    Task<TaskView?> ReadTaskAsync(ulong taskId, CancellationToken cancellationToken);

    /// <summary>Ids of tasks of <paramref name="projectId"/> that are not finalized yet, oldest first.</summary>
    Task<IReadOnlyList<ulong>> ListActiveTasksAsync(ulong projectId, CancellationToken cancellationToken);

    /// <summary>Commits keccak256(abi.encode(taskId, solver, cid, salt)) (see <c>Roles.Commitment</c>).</summary>
    Task CommitSolutionAsync(ulong taskId, Hash32 commitment, CancellationToken cancellationToken);

    /// <summary>Reveals the validation set; the contract checks it against the task's ground-truth commitment.</summary>
    Task RevealGroundTruthAsync(ulong taskId, ContentId validationSet, Hash32 salt, CancellationToken cancellationToken);

    /// <summary>Reveals a solution; the contract checks it against the sender's commitment.</summary>
    Task RevealSolutionAsync(ulong taskId, ContentId delta, Hash32 salt, CancellationToken cancellationToken);

    /// <summary>
    /// Commits to a coordinator's one hidden vote in the verify window (ResultsRewards.commitVote): the implementation
    /// hashes exactly one score for every revealed solution (in the contract's order, unjudgeable flags as a bit mask),
    /// the ground-truth flag, the account and <paramref name="salt"/>, so the same arguments later reveal it. The salt must
    /// be saved before this call. The contract refuses a second commitment; the stake is held until the vote settles.
    /// </summary>
    Task CommitVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken);

    /// <summary>
    /// Reveals the committed vote after the verify deadline and before the vote-reveal deadline (ResultsRewards.revealVote),
    /// with the arguments it was committed with. Only a coordinator drawn into the committee may reveal (see
    /// <see cref="IsDrawnAsync"/>); a drawn one that never reveals is slashed.
    /// </summary>
    Task RevealVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken);

    /// <summary>Whether this account sits on the task's committee; null while the draw cannot be known yet (not anchored, or its block not mined).</summary>
    Task<bool?> IsDrawnAsync(ulong taskId, CancellationToken cancellationToken);

    /// <summary>
    /// After settlement: releases the hold of <paramref name="coordinator"/>'s committed vote that was not counted (an
    /// undrawn one), slashing a drawn one that never revealed (ResultsRewards.settleVote; anyone may send it).
    /// </summary>
    Task SettleVoteAsync(ulong taskId, Address coordinator, CancellationToken cancellationToken);

    /// <summary>Keeper duty after the verify deadline: anchors the committee draw to a block mined after commits closed.</summary>
    Task DrawCommitteeAsync(ulong taskId, CancellationToken cancellationToken);

    /// <summary>Keeper duty: opens the task's commits (anyone, once its commit window has passed since the proposal).</summary>
    Task OpenCommitsAsync(ulong taskId, CancellationToken cancellationToken);

    /// <summary>Keeper duty: closes the solvers' reveals after the reveal deadline and opens the verify window.</summary>
    Task CloseRevealsAsync(ulong taskId, CancellationToken cancellationToken);

    /// <summary>Keeper duty: consensus, rewards and bonds after the vote-reveal deadline (and any forced-error grace).</summary>
    Task FinalizeAsync(ulong taskId, CancellationToken cancellationToken);

    /// <summary>Keeper duty: cancels a task whose proposer missed its ground-truth reveal window (slashing the proposer).</summary>
    Task CancelTaskAsync(ulong taskId, CancellationToken cancellationToken);

    /// <summary>Publishes the aggregated model of a finalized task with the Merkle root of its placed shards.</summary>
    Task PublishModelAsync(ulong taskId, ContentId model, Hash32 merkleRoot, CancellationToken cancellationToken);
}
