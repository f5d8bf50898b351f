// The base of the misbehaving nodes the scenarios and experiments need (a cheating solver, a lazy coordinator):
// every call goes to the real chain view; a subclass overrides the one action it corrupts, so the contracts, not
// the C# side, decide what happens to it. It is not a mock: every transaction still lands on the real chain.
using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>An <see cref="IChain"/> that forwards every call to <paramref name="inner"/> unless overridden.</summary>
public abstract class ForwardingChain(IChain inner) : IChain
{
    /// <summary>The chain view calls go to.</summary>
    protected IChain Inner { get; } = inner;

    public Address Account => Inner.Account;

    public virtual Task<ulong> PostTaskAsync(TaskSpec spec, Hash32 groundTruthCommitment, CancellationToken cancellationToken) =>
        Inner.PostTaskAsync(spec, groundTruthCommitment, cancellationToken);

    public virtual Task<TaskView?> ReadTaskAsync(ulong taskId, CancellationToken cancellationToken) => Inner.ReadTaskAsync(taskId, cancellationToken);

    public virtual Task<IReadOnlyList<ulong>> ListActiveTasksAsync(ulong projectId, CancellationToken cancellationToken) =>
        Inner.ListActiveTasksAsync(projectId, cancellationToken);

    public virtual Task CommitSolutionAsync(ulong taskId, Hash32 commitment, CancellationToken cancellationToken) =>
        Inner.CommitSolutionAsync(taskId, commitment, cancellationToken);

    public virtual Task RevealGroundTruthAsync(ulong taskId, ContentId validationSet, Hash32 salt, CancellationToken cancellationToken) =>
        Inner.RevealGroundTruthAsync(taskId, validationSet, salt, cancellationToken);

    public virtual Task RevealSolutionAsync(ulong taskId, ContentId delta, Hash32 salt, CancellationToken cancellationToken) =>
        Inner.RevealSolutionAsync(taskId, delta, salt, cancellationToken);

    public virtual Task CommitVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken) =>
        Inner.CommitVoteAsync(taskId, scores, badGroundTruth, salt, cancellationToken);

    public virtual Task RevealVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken) =>
        Inner.RevealVoteAsync(taskId, scores, badGroundTruth, salt, cancellationToken);

    public virtual Task<bool?> IsDrawnAsync(ulong taskId, CancellationToken cancellationToken) => Inner.IsDrawnAsync(taskId, cancellationToken);

    public virtual Task SettleVoteAsync(ulong taskId, Address coordinator, CancellationToken cancellationToken) =>
        Inner.SettleVoteAsync(taskId, coordinator, cancellationToken);

    public virtual Task DrawCommitteeAsync(ulong taskId, CancellationToken cancellationToken) => Inner.DrawCommitteeAsync(taskId, cancellationToken);

    public virtual Task OpenCommitsAsync(ulong taskId, CancellationToken cancellationToken) => Inner.OpenCommitsAsync(taskId, cancellationToken);

    public virtual Task CloseRevealsAsync(ulong taskId, CancellationToken cancellationToken) => Inner.CloseRevealsAsync(taskId, cancellationToken);

    public virtual Task FinalizeAsync(ulong taskId, CancellationToken cancellationToken) => Inner.FinalizeAsync(taskId, cancellationToken);

    public virtual Task CancelTaskAsync(ulong taskId, CancellationToken cancellationToken) => Inner.CancelTaskAsync(taskId, cancellationToken);

    public virtual Task PublishModelAsync(ulong taskId, ContentId model, Hash32 merkleRoot, CancellationToken cancellationToken) =>
        Inner.PublishModelAsync(taskId, model, merkleRoot, cancellationToken);
}
