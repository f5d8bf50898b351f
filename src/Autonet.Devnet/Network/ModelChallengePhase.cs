// The challenge window of a round's published model, in lockstep like the rest of the round: every coordinator's
// ChallengerRole (with its key, in this process whatever the run's mode: node daemons act only on unsettled tasks)
// rebuilds the aggregate and challenges a model it rebuilds differently, then a second pass votes on the challenges
// the first one made; the run jumps chain time past the window (and every vote window) and a coordinator settles it.
using Autonet.Chain.Contracts;
using Autonet.Core.Ids;
using Autonet.Node.Adapters;
using Autonet.Node.Roles;
using Autonet.Protocol;

namespace Autonet.Devnet.Network;

/// <summary>Runs one published model's challenge window and records what happened in the round report.</summary>
internal static class ModelChallengePhase
{
    public static async Task RunAsync(NetworkSetup net, RoundReport rr, IReadOnlyDictionary<Address, string> names, Action<TxRecord> onTransaction, CancellationToken ct)
    {
        var published = await net.Contracts.Project.ModelOfTaskAsync(net.ProjectId, rr.TaskId, ct).ConfigureAwait(false);
        if (published is null)
        {
            return;
        }
        rr.PublishedModel = published.Cid;
        var watchers = net.Role(NodeRole.Coordinator)
            .Select(n => (Node: n, Role: NodeRoles.Challenger(n.Config!, n.Chain, new ContractChallenges(net.Contracts, n.Key, onTransaction), net.Blobs(), net.Models(), n.Database, n.Clock)))
            .ToList(); // Config is set by NodeWiring before the first round
        for (var pass = 0; pass < 2; pass++) // the first pass rebuilds and challenges, the second votes on what the first challenged
        {
            foreach (var (node, role) in watchers)
            {
                net.Client.ResetNonces();
                await node.Clock.RefreshAsync(ct).ConfigureAwait(false);
                try
                {
                    await role.StepAsync(rr.TaskId, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ProtocolException or Autonet.Chain.ChainException)
                {
                    rr.Errors.Add($"{node.Name} challenger: {e.Message}");
                }
            }
        }
        var round = await net.Contracts.Project.RoundOfTaskAsync(net.ProjectId, rr.TaskId, ct).ConfigureAwait(false);
        var window = (await net.Contracts.Challenges.WindowOfAsync(net.ProjectId, round, ct).ConfigureAwait(false))!; // every task model has one
        await NetworkRunner.AdvancePastAsync(net, window.SettleAfter, ct).ConfigureAwait(false);
        if (watchers.Count > 0)
        {
            net.Client.ResetNonces();
            await watchers[0].Node.Clock.RefreshAsync(ct).ConfigureAwait(false);
            await watchers[0].Role.StepAsync(rr.TaskId, ct).ConfigureAwait(false); // past every deadline: settles
        }
        window = (await net.Contracts.Challenges.WindowOfAsync(net.ProjectId, round, ct).ConfigureAwait(false))!;
        rr.ModelReplaced = window.Replaced;
        rr.Challenges.AddRange(window.Challenges.Select(c => new ChallengeReport(
            c.Challenger.ToString(), names.TryGetValue(c.Challenger, out var name) ? name : c.Challenger.ToString(), c.Cid,
            Autonet.Devnet.KebabNames.Of(c.Outcome), Atn.Format(c.UpheldStake), Atn.Format(c.RejectedStake))));
        if (!window.Settled)
        {
            rr.Errors.Add($"task {rr.TaskId}: the challenge window of round {round} did not settle");
        }
        rr.Model = (await net.Contracts.Project.ModelOfTaskAsync(net.ProjectId, rr.TaskId, ct).ConfigureAwait(false))?.Cid;
    }
}
