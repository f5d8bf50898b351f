// What every node daemon does on every task besides its role, each poll, on chain time alone (issue 14, "running on
// their own"): the keeper duties whoever sees them due first does (KeeperRole: open commits of a task its proposer
// left unopened, cancel, close reveals, draw the committee, finalize; here too: settle every committed vote once the
// task settled, and settle a published model's challenge window once it closed), a coordinator's challenger (rebuild
// the published model, challenge a wrong one, vote), the host's extra duty (a devnet's forced-error planter), and
// claiming what the node is owed. A duty another node did first fails its transaction: that is not an error here, the
// next poll reads the new state. Nothing left is what lets the loop stop stepping a task.
using Autonet.Chain;
using Autonet.Node.Adapters;
using Autonet.Protocol;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;

namespace Autonet.Node.Roles;

/// <summary>A node's keeper, challenger and claim duties on one task.</summary>
public sealed class NodeDuties(ContractChain chain, ContractChallenges challenges, TimeProvider clock, ChallengerRole? challenger, Func<ulong, CancellationToken, Task>? extra)
{
    private readonly KeeperRole _keeper = new(chain, clock);

    /// <summary>Does what is due on <paramref name="taskId"/>; returns whether nothing is left for this node on it.</summary>
    public async Task<bool> StepAsync(ulong taskId, CancellationToken cancellationToken)
    {
        await _keeper.StepAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (extra is not null)
        {
            await extra(taskId, cancellationToken).ConfigureAwait(false);
        }
        var task = await chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null || !(task.Finalized || task.Cancelled))
        {
            return false;
        }
        var votesSettled = await SettleVotesAsync(task, cancellationToken).ConfigureAwait(false);
        var windowSettled = task.Cancelled || task.Voided || task.Accepted.Count == 0 || await SettleWindowAsync(taskId, cancellationToken).ConfigureAwait(false);
        await chain.ClaimAsync(taskId, cancellationToken).ConfigureAwait(false); // rewards, bond back, bounties: nothing when none
        return votesSettled && windowSettled;
    }

    // ResultsRewards.settleVote for every committed vote not settled yet: an undrawn one's hold released, a drawn one
    // that never revealed slashed. Anyone may send it; the voter itself usually does first (CoordinatorRole).
    private async Task<bool> SettleVotesAsync(TaskView task, CancellationToken cancellationToken)
    {
        var all = true;
        foreach (var coordinator in task.VoteCommitters)
        {
            var (_, settled) = await chain.Contracts.Rewards.VoteCommitOfAsync(task.TaskId, coordinator, cancellationToken).ConfigureAwait(false);
            if (settled)
            {
                continue;
            }
            all = false;
            await TryAsync(() => chain.SettleVoteAsync(task.TaskId, coordinator, cancellationToken)).ConfigureAwait(false);
        }
        return all;
    }

    // The published model's window: a coordinator's challenger acts in it; anyone settles it once every deadline passed.
    // False while the model is not published or its window is not settled.
    private async Task<bool> SettleWindowAsync(ulong taskId, CancellationToken cancellationToken)
    {
        if (challenger is not null)
        {
            await TryAsync(() => challenger.StepAsync(taskId, cancellationToken)).ConfigureAwait(false);
        }
        var publication = await challenges.ReadPublicationAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (publication is null || publication.Settled)
        {
            return publication is not null;
        }
        if (clock.GetUtcNow() > publication.SettleAfter)
        {
            await TryAsync(() => challenges.SettleAsync(taskId, cancellationToken)).ConfigureAwait(false);
        }
        return false;
    }

    // A duty another node did first, or not due yet by the chain's clock (its block is newer than ours): read again next poll.
    private static async Task TryAsync(Func<Task> duty)
    {
        try
        {
            await duty().ConfigureAwait(false);
        }
        catch (Exception e) when (e is ChainException or ProtocolException)
        {
        }
    }
}
