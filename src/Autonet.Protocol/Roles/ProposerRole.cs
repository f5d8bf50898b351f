using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Roles;

/// <summary>
/// The proposer's state machine (ARCHITECTURE.md steps 1 and 3): post a task committing to a hidden validation set
/// (a fresh sample of the proposer's private held-out pool for every task, so no earlier task's set helps a solver),
/// open its commits, then reveal the set once the commit window has closed, so no solver could train on it. If it
/// never opens or never reveals, keepers open the task or cancel it (and the contract slashes the proposer).
/// </summary>
public sealed class ProposerRole(IChain chain, IBlobStore blobs, IStateStore<ProposerTaskState> store, TimeProvider clock, Func<Hash32> newSalt)
{
    /// <summary>Stores the validation set, saves its salt, posts the task; returns the task id.</summary>
    public async Task<ulong> ProposeAsync(TaskSpec spec, byte[] validationSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(validationSet);
        var cid = await blobs.PutAsync(validationSet, cancellationToken).ConfigureAwait(false);
        var salt = newSalt();
        var state = new ProposerTaskState(null, cid, salt, Commitment.ForGroundTruth(chain.Account, cid, salt), false);
        // Saved under the commitment first: a crash during the post leaves the salt findable by the commitment on chain.
        await store.SaveAsync($"proposer/pending/{state.GroundTruthCommitment}", state, cancellationToken).ConfigureAwait(false);
        var taskId = await chain.PostTaskAsync(spec, state.GroundTruthCommitment, cancellationToken).ConfigureAwait(false);
        await store.SaveAsync($"proposer/{taskId}", state with { TaskId = taskId }, cancellationToken).ConfigureAwait(false);
        await chain.OpenCommitsAsync(taskId, cancellationToken).ConfigureAwait(false);
        return taskId;
    }

    /// <summary>Reveals the validation set of <paramref name="taskId"/> when the commit window has closed.</summary>
    /// <exception cref="ProtocolException">This node did not propose the task, or lost its salt.</exception>
    public async Task<ProposerTaskState> StepAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var key = $"proposer/{taskId}";
        var state = await store.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        if (state?.Revealed == true)
        {
            return state;
        }

        var task = await chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false)
            ?? Errors.TaskNotFound("proposer", chain.Account, taskId);
        if (state is null)
        {
            // A crash between the post and saving the task id leaves the salt under the commitment, which the chain knows.
            state = await store.LoadAsync($"proposer/pending/{task.GroundTruthCommitment}", cancellationToken).ConfigureAwait(false)
                ?? Errors.NotProposer<ProposerTaskState>(chain.Account, taskId);
            state = state with { TaskId = taskId };
            await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        }

        if (task.Cancelled || task.Finalized)
        {
            return state; // settled without this proposer: nothing left to do
        }

        if (task.CommitDeadline == DateTimeOffset.UnixEpoch)
        {
            await chain.OpenCommitsAsync(taskId, cancellationToken).ConfigureAwait(false); // a crash came between the post and the open
            return state;
        }

        if (task.GroundTruth is not null)
        {
            state = state with { Revealed = true };
        }
        else if (clock.GetUtcNow() > task.CommitDeadline || task.CommitsComplete) // TaskContract.revealGroundTruth: strictly after the deadline, or every member solver committed
        {
            await chain.RevealGroundTruthAsync(taskId, state.ValidationSet, state.Salt, cancellationToken).ConfigureAwait(false);
            state = state with { Revealed = true };
        }
        else
        {
            return state;
        }

        await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        return state;
    }
}
