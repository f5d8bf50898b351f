using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Roles;

/// <summary>
/// The duties no single party may be trusted to do, done by any node once they are due (TaskContract and
/// ResultsRewards pay a bounty for each): open the commits of a task its proposer left unopened, cancel a task whose
/// proposer never revealed its ground truth, close reveals after the reveal deadline, anchor the committee draw after
/// the verify deadline (unpaid: the committed coordinators need it to reveal), finalize after the vote-reveal deadline. Each <see cref="StepAsync"/> reads the chain and the clock and does at most the one duty that is due; a
/// duty another keeper did first (or one the contract refuses as not yet due, such as a finalize waiting on a
/// forced-error reveal) is not an error: the next step sees the new state.
/// </summary>
public sealed class KeeperRole(IChain chain, TimeProvider clock)
{
    /// <summary>Does the due keeper duty of <paramref name="taskId"/>, if any; returns its name, or null when none was due or it failed.</summary>
    public async Task<KeeperDuty?> StepAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var task = await chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null || Due(task, clock.GetUtcNow()) is not { } duty)
        {
            return null;
        }

        try
        {
            await (duty switch
            {
                KeeperDuty.OpenCommits => chain.OpenCommitsAsync(taskId, cancellationToken),
                KeeperDuty.CancelTask => chain.CancelTaskAsync(taskId, cancellationToken),
                KeeperDuty.CloseReveals => chain.CloseRevealsAsync(taskId, cancellationToken),
                KeeperDuty.DrawCommittee => chain.DrawCommitteeAsync(taskId, cancellationToken),
                _ => chain.FinalizeAsync(taskId, cancellationToken),
            }).ConfigureAwait(false);
            return duty;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null; // done by another keeper, or not due by the chain's clock yet: the next step reads the new state
        }
    }

    /// <summary>The duty due on <paramref name="task"/> at <paramref name="now"/> (deadlines are inclusive, duties strictly after them).</summary>
    public static KeeperDuty? Due(TaskView task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Finalized || task.Cancelled)
        {
            return null;
        }

        if (task.CommitDeadline == DateTimeOffset.UnixEpoch)
        {
            return now > task.ProposedAt + task.CommitWindow ? KeeperDuty.OpenCommits : null;
        }

        if (task.GroundTruth is null)
        {
            return now > task.CommitDeadline + task.RevealWindow ? KeeperDuty.CancelTask : null;
        }

        if (task.VerifyDeadline == DateTimeOffset.UnixEpoch)
        {
            return now > task.RevealDeadline ? KeeperDuty.CloseReveals : null;
        }

        if (now <= task.VerifyDeadline)
        {
            return null;
        }

        if (!task.CommitteeAnchored && task.VoteCommitters.Count > 0 && now <= task.VoteRevealDeadline)
        {
            return KeeperDuty.DrawCommittee;
        }

        return now > task.VoteRevealDeadline ? KeeperDuty.Finalize : null;
    }
}

/// <summary>A keeper duty (see <see cref="KeeperRole"/>).</summary>
public enum KeeperDuty
{
    OpenCommits,
    CancelTask,
    CloseReveals,
    DrawCommittee,
    Finalize,
}
