using System.CommandLine;
using Autonet.Cli.Output;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;
using Autonet.Node.State;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet node status`: what a node's home says about it (name, role, key's address, project, gateway, chain), the
/// tasks it holds saved state for, and from the chain (unless --offline) its participation: stake, slashes, and per
/// task what it did, its score, and its reward claimed and unclaimed. It creates no key and sends no transaction; an
/// unreachable chain is said in one row, not an error.
/// </summary>
internal static class NodeStatusCommand
{
    public static Command Create()
    {
        var offline = new Option<bool>("--offline") { Description = "Read the home only; do not ask the chain for stake, tasks, scores and rewards" };
        var command = new Command("status", "Show a node home's name, role, address, project, gateway, chain, the tasks it has state for, and its participation from the chain") { offline };
        command.SetAction(async (result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var home = GlobalOptions.ResolveHome(result);
            var config = NodeConfig.Load(home);
            string? address = null;
            if (File.Exists(home.File(NodeIdentity.KeyFileName)))
            {
                using var key = NodeIdentity.LoadOrCreate(home);
                address = key.Address.ToString();
            }
            var (rpc, chainId) = ("none", "none");
            Participation? participation = null;
            string? chainProblem = null;
            if (File.Exists(home.File(ChainFile.FileName)))
            {
                var (endpoint, deployment) = ChainFile.Load(home);
                (rpc, chainId) = (endpoint.ToString(), deployment.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (!result.GetValue(offline) && address is not null)
                {
                    (participation, chainProblem) = await NodeParticipation.ReadAsync(home, endpoint, deployment, Autonet.Core.Ids.Address.Parse(address), config, cancellationToken).ConfigureAwait(false);
                }
            }
            var role = Devnet.KebabNames.Of(config.Role);
            var tasks = new List<ulong>();
            if (File.Exists(home.File("node.db")))
            {
                using var database = NodeDatabase.Open(home.File("node.db"));
                // Role state is saved under "<role>/<task id>" (Autonet.Protocol's roles); "proposer/pending/…" are not tasks yet.
                tasks.AddRange(database.Keys($"{role}/").Select(k => ulong.TryParse(k.AsSpan(role.Length + 1), out var id) ? id : (ulong?)null).OfType<ulong>().Order());
            }
            print.Object(new { home = home.Path, name = config.Name, role = config.Role, address, projectId = config.ProjectId, gateway = config.Gateway, modality = config.Modality, rpc, chainId, tasks, participation = NodeParticipation.ToJson(participation), chainProblem });
            print.Table(["what", "value"],
            [
                ["home", home.Path], ["name", config.Name], ["role", role], ["address", address ?? "no node.key"], ["project", $"{config.ProjectId}"],
                ["gateway", config.Gateway.ToString()], ["modality", Devnet.KebabNames.Of(config.Modality)], ["chain", $"{rpc} (chain id {chainId})"],
                ["tasks with state", tasks.Count == 0 ? "none" : string.Join(", ", tasks)],
                .. NodeParticipation.Rows(participation, chainProblem),
            ]);
            if (participation is { Tasks.Count: > 0 })
            {
                print.Table(["task", "state", "did", "score", "reward ATN", "claimed ATN", "unclaimed ATN"], NodeParticipation.TaskRows(participation));
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
