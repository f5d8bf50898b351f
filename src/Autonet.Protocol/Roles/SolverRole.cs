using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Roles;

/// <summary>
/// The solver's state machine for one task (ARCHITECTURE.md steps 2 and 4): train from the task's base model, keep
/// the delta in the node's own <paramref name="held"/> store, save the salt, commit (the contract takes the task's
/// bond); after the commit deadline and once the proposer has revealed the validation set (which opens the reveal
/// window), publish the delta to the shared store and reveal. Nothing of the delta leaves the node before the commit
/// deadline, so no one can copy it into a commitment of their own. Each <see cref="StepAsync"/> reads the chain and
/// the clock and does what is due, so a restarted node resumes from its saved state. Training or storage failures
/// propagate: no commitment is made on a failure, and nothing is invented.
/// </summary>
public sealed class SolverRole(
    IChain chain, IBlobStore blobs, IBlobStore held, IModelCodec codec, IDeltaTrainer trainer, IStateStore<SolverTaskState> store, TimeProvider clock,
    Func<Hash32> newSalt)
{
    /// <summary>
    /// Advances the solver on <paramref name="taskId"/>; returns its state: <see cref="SolverPhase.Waiting"/> (not saved)
    /// while the task's commits are not open, null when it is too late to join.
    /// </summary>
    /// <exception cref="ProtocolException">The task does not exist or its base model is not in the blob store.</exception>
    public async Task<SolverTaskState?> StepAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var task = await chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false)
            ?? Errors.TaskNotFound("solver", chain.Account, taskId);
        var key = $"solver/{taskId}";
        var state = await store.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var mine = task.Solutions.FirstOrDefault(s => s.Solver == chain.Account);

        if (state is null)
        {
            if (task.CommitDeadline == DateTimeOffset.UnixEpoch && !task.Cancelled)
            {
                // Posted, commits not open yet (TaskContract sets the deadline at openCommits): a wait, not a refusal.
                return new SolverTaskState(taskId, SolverPhase.Waiting, default, default, default, "commits not open yet");
            }
            if (now >= task.CommitDeadline || task.GroundTruth is not null)
            {
                return null; // too late to join this task (past the deadline, or closed early: every member committed); nothing committed, nothing to save
            }

            var baseBytes = await blobs.GetAsync(task.BaseModel, cancellationToken).ConfigureAwait(false)
                ?? Errors.BlobMissing("solver", chain.Account, "base model", task.BaseModel, taskId);
            if (!codec.TryDecodeModel(baseBytes, out var baseModel, out var reason))
            {
                Errors.BadBaseModel("solver", chain.Account, task.BaseModel, taskId, reason);
            }

            var delta = await trainer.TrainAsync(baseModel, task, cancellationToken).ConfigureAwait(false);
            var cid = await held.PutAsync(codec.EncodeDelta(baseModel, delta), cancellationToken).ConfigureAwait(false);
            var salt = newSalt();
            state = new SolverTaskState(taskId, SolverPhase.Committing, cid, salt, Commitment.ForSolution(taskId, chain.Account, cid, salt), "trained");
            await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false); // the salt is durable before the commitment exists
        }

        if (state.Phase == SolverPhase.Committing)
        {
            if (mine?.Commitment == state.Commitment)
            {
                state = state with { Phase = SolverPhase.Committed, Reason = "commitment found on chain after restart" };
            }
            else if (now >= task.CommitDeadline)
            {
                state = state with { Phase = SolverPhase.Missed, Reason = $"commit deadline {task.CommitDeadline:O} passed (now {now:O}) before the commitment landed" };
            }
            else if (task.GroundTruth is not null)
            {
                state = state with { Phase = SolverPhase.Missed, Reason = $"commits closed before the commit deadline {task.CommitDeadline:O} (every member solver of the project had committed; this node was not one) before the commitment landed" };
            }
            else
            {
                await chain.CommitSolutionAsync(taskId, state.Commitment, cancellationToken).ConfigureAwait(false);
                state = state with { Phase = SolverPhase.Committed, Reason = "committed" };
            }

            await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        }

        if (state.Phase == SolverPhase.Committed && task.GroundTruth is not null) // revealed only once commits closed (TaskContract)
        {
            if (mine?.Revealed == true)
            {
                state = state with { Phase = SolverPhase.Revealed, Reason = "reveal found on chain after restart" };
            }
            else if (now >= task.RevealDeadline)
            {
                state = state with { Phase = SolverPhase.Missed, Reason = $"reveal deadline {task.RevealDeadline:O} passed (now {now:O}) before the reveal" };
            }
            else
            {
                var bytes = await held.GetAsync(state.Delta, cancellationToken).ConfigureAwait(false)
                    ?? Errors.BlobMissing("solver", chain.Account, "held delta", state.Delta, taskId);
                var published = await blobs.PutAsync(bytes, cancellationToken).ConfigureAwait(false);
                if (published != state.Delta)
                {
                    Errors.BlobMissing("solver", chain.Account, $"delta (the shared store answered {published})", state.Delta, taskId);
                }
                await chain.RevealSolutionAsync(taskId, state.Delta, state.Salt, cancellationToken).ConfigureAwait(false);
                state = state with { Phase = SolverPhase.Revealed, Reason = "revealed" };
            }

            await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        }

        return state;
    }
}
