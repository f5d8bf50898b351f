using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>A chain view that always reads one fixed task and accepts the keeper duties; any other call is a test bug.</summary>
internal sealed class ViewChain(Address account, TaskView task) : IChain
{
    public Address Account => account;

    public Task<TaskView?> ReadTaskAsync(ulong taskId, CancellationToken cancellationToken) => Task.FromResult<TaskView?>(taskId == task.TaskId ? task : null);

    public Task DrawCommitteeAsync(ulong taskId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OpenCommitsAsync(ulong taskId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CloseRevealsAsync(ulong taskId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task FinalizeAsync(ulong taskId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CancelTaskAsync(ulong taskId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ulong> PostTaskAsync(TaskSpec spec, Hash32 groundTruthCommitment, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ulong>> ListActiveTasksAsync(ulong projectId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task CommitSolutionAsync(ulong taskId, Hash32 commitment, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RevealGroundTruthAsync(ulong taskId, ContentId validationSet, Hash32 salt, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RevealSolutionAsync(ulong taskId, ContentId delta, Hash32 salt, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task CommitVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RevealVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool?> IsDrawnAsync(ulong taskId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task SettleVoteAsync(ulong taskId, Address coordinator, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task PublishModelAsync(ulong taskId, ContentId model, Hash32 merkleRoot, CancellationToken cancellationToken) => throw new NotSupportedException();
}
