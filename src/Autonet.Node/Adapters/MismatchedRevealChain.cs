using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Node.Adapters;

/// <summary>
/// A cheating solver for the scenarios (`reveal-mismatch` fault): forwards every call, but reveals the CID of other
/// bytes than it committed to. The contract must refuse the reveal (RevealMismatch), so the solver earns nothing.
/// </summary>
public sealed class MismatchedRevealChain(IChain inner) : IChain
{
    public Address Account => inner.Account;

    public Task<ulong> PostTaskAsync(TaskSpec spec, Hash32 groundTruthCommitment, CancellationToken cancellationToken) => inner.PostTaskAsync(spec, groundTruthCommitment, cancellationToken);

    public Task<TaskView?> ReadTaskAsync(ulong taskId, CancellationToken cancellationToken) => inner.ReadTaskAsync(taskId, cancellationToken);

    public Task<IReadOnlyList<ulong>> ListActiveTasksAsync(ulong projectId, CancellationToken cancellationToken) => inner.ListActiveTasksAsync(projectId, cancellationToken);

    public Task CommitSolutionAsync(ulong taskId, Hash32 commitment, CancellationToken cancellationToken) => inner.CommitSolutionAsync(taskId, commitment, cancellationToken);

    public Task RevealGroundTruthAsync(ulong taskId, ContentId validationSet, Hash32 salt, CancellationToken cancellationToken) => inner.RevealGroundTruthAsync(taskId, validationSet, salt, cancellationToken);

    public Task RevealSolutionAsync(ulong taskId, ContentId delta, Hash32 salt, CancellationToken cancellationToken) =>
        inner.RevealSolutionAsync(taskId, ContentId.Of(delta.Digest.ToArray()), salt, cancellationToken);

    public Task VoteAsync(ulong taskId, Address solver, uint scoreBasisPoints, CancellationToken cancellationToken) => inner.VoteAsync(taskId, solver, scoreBasisPoints, cancellationToken);

    public Task PublishModelAsync(ulong taskId, ContentId model, CancellationToken cancellationToken) => inner.PublishModelAsync(taskId, model, cancellationToken);
}
