using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>One account's view of the <see cref="FakeContract"/>; can drop the connection around the next transaction.</summary>
internal sealed class FakeChain(FakeContract contract, Address account) : IChain
{
    /// <summary>The next transaction fails before reaching the chain.</summary>
    public bool FailBeforeNext { get; set; }

    /// <summary>The next transaction lands, then the reply is lost (the node crashes before saving).</summary>
    public bool FailAfterNext { get; set; }

    public Address Account => account;

    public Task<ulong> PostTaskAsync(TaskSpec spec, Hash32 groundTruthCommitment, CancellationToken cancellationToken) =>
        Send(() => contract.Post(account, spec, groundTruthCommitment));

    public Task<TaskView?> ReadTaskAsync(ulong taskId, CancellationToken cancellationToken) =>
        Task.FromResult(TryRead(taskId));

    public Task<IReadOnlyList<ulong>> ListActiveTasksAsync(ulong projectId, CancellationToken cancellationToken) =>
        Task.FromResult(contract.Active(projectId));

    public Task CommitSolutionAsync(ulong taskId, Hash32 commitment, CancellationToken cancellationToken) =>
        Send(() => contract.Commit(taskId, account, commitment));

    public Task RevealGroundTruthAsync(ulong taskId, ContentId validationSet, Hash32 salt, CancellationToken cancellationToken) =>
        Send(() => contract.RevealGroundTruth(taskId, account, validationSet, salt));

    public Task RevealSolutionAsync(ulong taskId, ContentId delta, Hash32 salt, CancellationToken cancellationToken) =>
        Send(() => contract.Reveal(taskId, account, delta, salt));

    public Task CommitVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken) =>
        Send(() => contract.CommitVote(taskId, account, scores, badGroundTruth, salt));

    public Task RevealVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken) =>
        Send(() => contract.RevealVote(taskId, account, scores, badGroundTruth, salt));

    public Task<bool?> IsDrawnAsync(ulong taskId, CancellationToken cancellationToken) => Task.FromResult(contract.IsDrawn(taskId, account));

    public Task SettleVoteAsync(ulong taskId, Address coordinator, CancellationToken cancellationToken) =>
        Send(() => contract.SettleVote(taskId, coordinator));

    public Task DrawCommitteeAsync(ulong taskId, CancellationToken cancellationToken) => Send(() => contract.DrawCommittee(taskId));

    public Task OpenCommitsAsync(ulong taskId, CancellationToken cancellationToken) => Send(() => contract.OpenCommits(taskId, account));

    public Task CloseRevealsAsync(ulong taskId, CancellationToken cancellationToken) => Send(() => contract.CloseReveals(taskId));

    public Task FinalizeAsync(ulong taskId, CancellationToken cancellationToken) => Send(() => contract.Finalize(taskId));

    public Task CancelTaskAsync(ulong taskId, CancellationToken cancellationToken) => Send(() => contract.Cancel(taskId));

    public Task PublishModelAsync(ulong taskId, ContentId model, Hash32 merkleRoot, CancellationToken cancellationToken) =>
        Send(() => contract.Publish(taskId, model, merkleRoot));

    private TaskView? TryRead(ulong taskId)
    {
        try
        {
            return contract.Read(taskId);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    private Task<ulong> Send(Action transaction) => Send(() =>
    {
        transaction();
        return 0UL;
    });

    private Task<T> Send<T>(Func<T> transaction)
    {
        if (FailBeforeNext)
        {
            FailBeforeNext = false;
            throw new HttpRequestException("RPC connection reset before the transaction was sent");
        }

        var result = transaction();
        if (FailAfterNext)
        {
            FailAfterNext = false;
            throw new HttpRequestException("RPC connection reset after the transaction was sent");
        }

        return Task.FromResult(result);
    }
}
