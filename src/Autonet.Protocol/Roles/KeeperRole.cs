using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Roles;

/// <summary>
/// The duties no single party may be trusted to do, done by any node once they are due (TaskContract and
/// ResultsRewards pay a bounty for each): open the commits of a task its proposer left unopened, cancel a task whose
/// proposer never revealed its ground truth, close reveals after the reveal deadline (or once every committed solver revealed), anchor the committee draw after
/// the verify deadline (or once every coordinator member committed; unpaid: the committed coordinators need it to reveal), finalize after the vote-reveal deadline (or once every committer revealed). Each <see cref="StepAsync"/> reads the chain and the clock and does at most the one duty that is due; a
/// duty another keeper did first (or one the contract refuses as not yet due, such as a finalize waiting on a
/// forced-error reveal) is not an error: the next step sees the new state. With <see cref="KeeperTurns"/> a node
/// takes a due duty only once its turn has come, reading the task again then, so that usually one node sends it.
/// </summary>
public sealed class KeeperRole(IChain chain, TimeProvider clock, KeeperTurns? turns = null)
{
    // When the chain last refused a duty of this node's: its turns count again from then, so that nodes refused at
    // different times (a finalize waiting on a forced-error reveal) do not all send together once it becomes possible.
    private readonly Dictionary<(ulong TaskId, KeeperDuty Duty), DateTimeOffset> _refusedAt = [];

    // When this node first saw a duty due before its deadline (everyone it waited for acted): it is due from then.
    private readonly Dictionary<(ulong TaskId, KeeperDuty Duty), DateTimeOffset> _earlySeen = [];

    /// <summary>Told of each duty the chain refused (another keeper did it first, or not due by the chain's clock yet): task, duty, the error.</summary>
    public Action<ulong, KeeperDuty, Exception>? Refused { get; init; }

    /// <summary>Does the due keeper duty of <paramref name="taskId"/>, if any and if it is this node's turn; returns its name, or null when none was done.</summary>
    public async Task<KeeperDuty?> StepAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var task = await chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (task is null || Due(task, now) is not { } duty)
        {
            return null;
        }
        var dueAfter = DueAfter(task, duty);
        if (now <= dueAfter)
        {
            // Early (every party the phase waits for acted): due since just before this node first saw it, so the first turn acts at once.
            _earlySeen.TryAdd((taskId, duty), now - TimeSpan.FromTicks(1));
            dueAfter = _earlySeen[(taskId, duty)];
        }
        if (turns is not null && now <= TurnAfter(turns, task, duty, dueAfter, _refusedAt.GetValueOrDefault((taskId, duty))))
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
            _refusedAt[(taskId, duty)] = now;
            Refused?.Invoke(taskId, duty, e);
            return null; // done by another keeper, or not due by the chain's clock yet: the next step reads the new state
        }
    }

    /// <summary>The chain time after which <paramref name="duty"/> is due on <paramref name="task"/> (its deadline).</summary>
    public static DateTimeOffset DueAfter(TaskView task, KeeperDuty duty)
    {
        ArgumentNullException.ThrowIfNull(task);
        return duty switch
        {
            KeeperDuty.OpenCommits => task.ProposedAt + task.CommitWindow,
            KeeperDuty.CancelTask => task.CommitDeadline + task.RevealWindow,
            KeeperDuty.CloseReveals => task.RevealDeadline,
            KeeperDuty.DrawCommittee => task.VerifyDeadline,
            _ => task.VoteRevealDeadline,
        };
    }

    // The node's turn, counted from the deadline or from the chain's last refusal; the committee draw is due only until the vote-reveal deadline, so no turn waits past half of that window.
    private static DateTimeOffset TurnAfter(KeeperTurns turns, TaskView task, KeeperDuty duty, DateTimeOffset dueAfter, DateTimeOffset refusedAt)
    {
        var after = turns.TurnAfter(task, duty.ToString(), refusedAt > dueAfter ? refusedAt : dueAfter);
        return duty == KeeperDuty.DrawCommittee && after > task.VerifyDeadline + ((task.VoteRevealDeadline - task.VerifyDeadline) / 2)
            ? task.VerifyDeadline + ((task.VoteRevealDeadline - task.VerifyDeadline) / 2)
            : after;
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
            return now > task.RevealDeadline || task.RevealsComplete ? KeeperDuty.CloseReveals : null; // TaskContract.closeReveals
        }

        if (now <= task.VerifyDeadline && !task.VotesComplete && !task.CommitteeAnchored)
        {
            return null; // votes may still be committed (votesComplete: every coordinator member did, the draw may come early)
        }

        if (!task.CommitteeAnchored && task.VoteCommitters.Count > 0 && now <= task.VoteRevealDeadline)
        {
            return KeeperDuty.DrawCommittee;
        }

        return now > task.VoteRevealDeadline || task.VotesRevealed ? KeeperDuty.Finalize : null; // votesRevealed: every committer revealed
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
