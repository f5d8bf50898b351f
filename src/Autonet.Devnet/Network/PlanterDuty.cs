// The forced-error planter as a node duty (a daemon run): the proposer daemon is the registry's planter, with its own
// key. Its chain view plants before it opens each task's commits (PlantBeforeOpenChain: the task is still Proposed,
// as ForcedErrorRegistry.plant requires, and nobody can open it sooner), and each poll, once a task's vote-reveal
// deadline passed with the plant pending, it reveals the plant (ForcedErrorPlanter) so ForcedErrorRegistry judges
// every coordinator (or abandons it when its account never revealed its solution); ResultsRewards refuses to finalize
// until then. The planted solutions come from the planter's fresh accounts, one per task (DaemonPlanter). A refused
// reveal is retried next poll.
using Autonet.Chain;
using Autonet.Node.Roles;
using Autonet.Node.State;

namespace Autonet.Devnet.Network;

/// <summary>Plants and reveals the forced error of every task a proposer daemon posts.</summary>
internal sealed class PlanterDuty(IReadOnlyList<PlantAccount> accounts)
{
    private DaemonPlanter? _planter;
    private NodeServices? _services;

    /// <summary>The proposer's decorator: <paramref name="inner"/> (its own fault, if any) with the plant before each open and the reveal duty.</summary>
    public static RoleDecorator Decorate(RoleDecorator? inner, IReadOnlyList<PlantAccount> accounts)
    {
        var duty = new PlanterDuty(accounts);
        return new RoleDecorator(
            Chain: chain => new PlantBeforeOpenChain(inner?.Chain?.Invoke(chain) ?? chain, duty.PlantAsync),
            Trainer: inner?.Trainer,
            Codec: inner?.Codec,
            Scorer: inner?.Scorer,
            Duty: services =>
            {
                duty.Attach(services);
                return duty.RevealWhenDueAsync;
            });
    }

    private void Attach(NodeServices services)
    {
        _services = services;
        _planter = new DaemonPlanter(new Autonet.Node.Adapters.TaskReader(services.Contracts, services.Blobs), services.Contracts.ForcedErrors, services.Key,
            services.Blobs, accounts, services.OnTransaction, new SqliteStateStore<PlantedSalt>(services.Database));
    }

    // The daemon builds its duty (Attach) before its first step, so a plant always has its planter.
    private Task PlantAsync(ulong taskId, CancellationToken cancellationToken) =>
        (_planter ?? throw new InvalidOperationException("the planter duty was not attached to its node")).PlantAsync(taskId, cancellationToken);

    private async Task RevealWhenDueAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var services = _services!; // attached with the duty
        var task = await services.Chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null || task.Finalized || task.Cancelled || task.VoteRevealDeadline == DateTimeOffset.UnixEpoch
            || (services.Clock.GetUtcNow() <= task.VoteRevealDeadline && !task.VotesRevealed) // ForcedErrorRegistry: after the votes
            || !await services.Contracts.ForcedErrors.IsPendingAsync(taskId, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        try
        {
            await _planter!.RevealAsync(taskId, cancellationToken).ConfigureAwait(false);
        }
        catch (ChainException)
        {
            // our block is older than the deadline, say: tried again next poll
        }
    }
}
