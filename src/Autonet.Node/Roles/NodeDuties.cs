// What every node daemon does on every task besides its role, each poll, on chain time alone (issue 14, "running on
// their own"): the keeper duties whoever sees them due first does (KeeperRole: open commits of a task its proposer
// left unopened, cancel, close reveals, draw the committee, finalize; here too: settle every committed vote once the
// task settled, and settle a published model's challenge window once it closed), a coordinator's challenger (rebuild
// the published model, challenge a wrong one, vote), the host's extra duty (a devnet's forced-error planter), and
// claiming what the node is owed. The keeper duties go by turns (KeeperTurns: ranked per task and duty, each turn
// node.keeper_stagger_seconds), so usually one node sends each; a duty another node did first fails its transaction:
// that is not an error here, it is told (Refused: logged at debug, counted in /metrics) and the next poll reads the
// new state. Nothing left is what lets the loop stop stepping a task.
using Autonet.Chain;
using Autonet.Node.Adapters;
using Autonet.Protocol;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;

namespace Autonet.Node.Roles;

/// <summary>A node's keeper, challenger and claim duties on one task.</summary>
public sealed class NodeDuties
{
    private readonly ContractChain _chain;
    private readonly ContractChallenges _challenges;
    private readonly TimeProvider _clock;
    private readonly ChallengerRole? _challenger;
    private readonly Func<ulong, CancellationToken, Task>? _extra;
    private readonly KeeperTurns? _turns;
    private readonly TimeSpan _turn;
    private readonly KeeperRole _keeper;
    private readonly Dictionary<ulong, DateTimeOffset> _finalizedSeen = [];

    /// <summary>The duties over the node's chain view; <paramref name="keeperTurn"/> is one keeper turn (KeeperTurns), zero: every due duty is sent at once.</summary>
    public NodeDuties(ContractChain chain, ContractChallenges challenges, TimeProvider clock, ChallengerRole? challenger, Func<ulong, CancellationToken, Task>? extra, TimeSpan keeperTurn)
    {
        ArgumentNullException.ThrowIfNull(chain);
        (_chain, _challenges, _clock, _challenger, _extra) = (chain, challenges, clock, challenger, extra);
        _turns = keeperTurn > TimeSpan.Zero ? new KeeperTurns(chain.Account, keeperTurn) : null;
        _turn = keeperTurn;
        _keeper = new KeeperRole(chain, clock, _turns) { Refused = (task, duty, error) => Refused?.Invoke(task, duty.ToString(), error) };
    }

    /// <summary>Told of each keeper duty the chain refused (task, duty, error): usually another node did it first.</summary>
    public Action<ulong, string, Exception>? Refused { get; set; }

    /// <summary>Does what is due on <paramref name="taskId"/>; returns whether nothing is left for this node on it.</summary>
    public async Task<bool> StepAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var (chain, extra) = (_chain, _extra);
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
        _finalizedSeen.TryAdd(taskId, _clock.GetUtcNow()); // settleVote's turns count from here (the task holds no finalize time)
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
            var (_, settled) = await _chain.Contracts.Rewards.VoteCommitOfAsync(task.TaskId, coordinator, cancellationToken).ConfigureAwait(false);
            if (settled)
            {
                continue;
            }
            all = false;
            var duty = $"settleVote:{coordinator}";
            // The voter settles its own vote at once (CoordinatorRole); the others' turns start one turn later.
            if (MyTurn(task, duty, _finalizedSeen[task.TaskId] + (coordinator == _chain.Account ? TimeSpan.Zero : _turn)))
            {
                await TryAsync(task.TaskId, "settleVote", () => _chain.SettleVoteAsync(task.TaskId, coordinator, cancellationToken)).ConfigureAwait(false);
            }
        }
        return all;
    }

    // The published model's window: a coordinator's challenger acts in it; anyone settles it once every deadline passed.
    // False while the model is not published or its window is not settled.
    private async Task<bool> SettleWindowAsync(ulong taskId, CancellationToken cancellationToken)
    {
        if (_challenger is { } challenger)
        {
            await TryAsync(taskId, null, () => challenger.StepAsync(taskId, cancellationToken)).ConfigureAwait(false);
        }
        var publication = await _challenges.ReadPublicationAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (publication is null || publication.Settled)
        {
            return publication is not null;
        }
        if (_clock.GetUtcNow() > publication.SettleAfter && await _chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false) is { } task
            && MyTurn(task, "settleModel", publication.SettleAfter))
        {
            await TryAsync(taskId, "settleModel", () => _challenges.SettleAsync(taskId, cancellationToken)).ConfigureAwait(false);
        }
        return false;
    }

    // Whether this node's keeper turn at the duty (due after dueAfter) has come; always without turns.
    private bool MyTurn(TaskView task, string duty, DateTimeOffset dueAfter) =>
        _turns is null || _clock.GetUtcNow() > _turns.TurnAfter(task, duty, dueAfter);

    // A duty another node did first, or not due yet by the chain's clock (its block is newer than ours): read again next
    // poll; a keeper duty's refusal is told (Refused), a challenger's is its own business.
    private async Task TryAsync(ulong taskId, string? keeperDuty, Func<Task> duty)
    {
        try
        {
            await duty().ConfigureAwait(false);
        }
        catch (Exception e) when (e is ChainException or ProtocolException)
        {
            if (keeperDuty is not null)
            {
                Refused?.Invoke(taskId, keeperDuty, e);
            }
        }
    }
}
