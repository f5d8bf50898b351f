// The chain half of `autonet node status`: connects with one short attempt (a status must not hang on a dead chain),
// reads Node.Hosting.Participation, and formats it as table rows and JSON (amounts as decimal ATN text).
using Autonet.Chain;
using Autonet.Chain.Contracts;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;
using Autonet.Node;
using Autonet.Node.Config;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;

namespace Autonet.Cli.Commands;

/// <summary>Reads and formats a node's participation for `node status`.</summary>
internal static class NodeParticipation
{
    private static readonly RpcPolicy Quick = new() { Timeout = TimeSpan.FromSeconds(5), Attempts = 2 };

    /// <summary>The participation, or null and the one-line reason the chain could not be read.</summary>
    public static async Task<(Participation? Participation, string? Problem)> ReadAsync(NodeHome home, AutonetConfig settings, Address account, NodeRole role, ulong projectId, CancellationToken cancellationToken)
    {
        try
        {
            var (client, system) = await NodeChain.ConnectAsync(home, settings, cancellationToken, policy: Quick).ConfigureAwait(false); // chain.registry, else chain.json
            using (client)
            {
                return (await Participation.ReadAsync(system, account, role, projectId, cancellationToken).ConfigureAwait(false), null);
            }
        }
        catch (ChainException error)
        {
            return (null, $"{error.Message} (--offline skips the chain)");
        }
    }

    public static IEnumerable<IReadOnlyList<string>> Rows(Participation? participation, string? problem)
    {
        if (problem is not null)
        {
            yield return ["chain", "unreachable: " + problem];
        }
        if (participation is null)
        {
            yield break;
        }
        yield return ["stake", $"{Atn.Format(participation.Stake)} ATN ({(participation.Active ? "active" : "not active")})"];
        yield return ["slashes", participation.Slashes.Count == 0 ? "none" : string.Join(", ", participation.Slashes.Select(s => $"{Atn.Format(s.Amount)} ATN in block {s.Block}"))];
        yield return ["tasks taken part in", $"{participation.Tasks.Count}"];
        yield return ["rewards", $"{Atn.Format(participation.Earned)} ATN earned, {Atn.Format(participation.Earned - participation.Unclaimed)} claimed, {Atn.Format(participation.Unclaimed)} unclaimed"];
    }

    public static IEnumerable<IReadOnlyList<string>> TaskRows(Participation participation) =>
        participation.Tasks.Select(t => (IReadOnlyList<string>)
        [
            $"{t.TaskId}", Devnet.KebabNames.Of(t.State), Did(t), t.Score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            Atn.Format(t.Reward), Atn.Format(t.Claimed), Atn.Format(t.Unclaimed),
        ]);

    public static object? ToJson(Participation? participation) => participation is null ? null : new
    {
        account = participation.Account.ToString(),
        stakeAtn = Atn.Format(participation.Stake),
        active = participation.Active,
        earnedAtn = Atn.Format(participation.Earned),
        unclaimedAtn = Atn.Format(participation.Unclaimed),
        slashes = participation.Slashes.Select(s => new { role = s.Role, amountAtn = Atn.Format(s.Amount), reason = s.Reason.ToString(), block = s.Block }),
        tasks = participation.Tasks.Select(t => new
        {
            taskId = t.TaskId,
            state = t.State,
            t.Proposed,
            t.Committed,
            t.Revealed,
            t.Voted,
            score = t.Score,
            rewardAtn = Atn.Format(t.Reward),
            claimedAtn = Atn.Format(t.Claimed),
            unclaimedAtn = Atn.Format(t.Unclaimed),
            bondForfeited = t.BondForfeited,
        }),
    };

    private static string Did(TaskParticipation task)
    {
        var parts = new List<string>();
        if (task.Proposed)
        {
            parts.Add("proposed");
        }
        if (task.Committed)
        {
            parts.Add(task.Revealed ? "committed, revealed" : "committed, no reveal");
        }
        if (task.Voted)
        {
            parts.Add("voted");
        }
        if (task.BondForfeited)
        {
            parts.Add("bond forfeited");
        }
        return string.Join(", ", parts);
    }
}
