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
    /// A coordinator's one batch of votes (ResultsRewards.submitScores): exactly one score for every revealed solution,
    /// in any order (the implementation sends them in the contract's order), and whether the validation set itself is
    /// unusable. The contract refuses a second batch, and a nonzero score on a solution flagged unjudgeable.
    /// </summary>
    Task SubmitScoresAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, CancellationToken cancellationToken);

    /// <summary>Keeper duty: opens the task's commits (anyone, once its commit window has passed since the proposal).</summary>
    Task OpenCommitsAsync(ulong taskId, CancellationToken cancellationToken);

    /// <summary>Keeper duty: closes the solvers' reveals after the reveal deadline and opens the verify window.</summary>
    Task CloseRevealsAsync(ulong taskId, CancellationToken cancellationToken);

    /// <summary>Keeper duty: consensus, rewards, bonds and slashing after the verify deadline (and any forced-error grace).</summary>
    Task FinalizeAsync(ulong taskId, CancellationToken cancellationToken);

    /// <summary>Keeper duty: cancels a task whose proposer missed its ground-truth reveal window (slashing the proposer).</summary>
    Task CancelTaskAsync(ulong taskId, CancellationToken cancellationToken);

    /// <summary>Publishes the aggregated model of a finalized task with the Merkle root of its placed shards.</summary>
    Task PublishModelAsync(ulong taskId, ContentId model, Hash32 merkleRoot, CancellationToken cancellationToken);
}
