using System.CommandLine;
using Autonet.Cli.Output;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;
using Autonet.Node.State;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet node status`: what a node's home says about it (config.yaml: name, role, key's address, project, storage, chain), the
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
            var settings = Node.Config.AutonetConfig.Load(home);
            if (settings.Role is "" or "provider")
            {
                throw new InvalidOperationException($"{settings.FilePath}: node.role = '{settings.Role}'; rule: `node status` reads a proposer, solver, coordinator or aggregator home (`autonet node init --role …`)");
            }
            var (name, nodeRole, projectId) = (settings.Name.Length > 0 ? settings.Name : settings.Role, Enum.Parse<NodeRole>(settings.Role, ignoreCase: true), settings.ProjectId);
            var address = NodeKeys.AddressOf(home, settings)?.ToString(); // the keystore's declared address (or node.key's): no passphrase needed
            var rpc = settings.Registry.Length > 0 || File.Exists(home.File(ChainFile.FileName)) ? NodeChain.RpcOf(home, settings).ToString() : "none";
            var chainId = settings.ChainId != 0 ? settings.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : File.Exists(home.File(ChainFile.FileName)) ? ChainFile.Load(home).Deployment.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture) : "any";
            Participation? participation = null;
            string? chainProblem = null;
            if (rpc != "none" && !result.GetValue(offline) && address is not null)
            {
                (participation, chainProblem) = await NodeParticipation.ReadAsync(home, settings, Autonet.Core.Ids.Address.Parse(address), nodeRole, projectId, cancellationToken).ConfigureAwait(false);
            }
            var role = Devnet.KebabNames.Of(nodeRole);
            var gateways = settings.Gateways.Count == 0 ? "the providers on chain" : string.Join(", ", settings.Gateways);
            var modality = (string)settings[Node.Config.ConfigKeys.DataModality];
            var tasks = new List<ulong>();
            if (File.Exists(home.File("node.db")))
            {
                using var database = NodeDatabase.Open(home.File("node.db"));
                // Role state is saved under "<role>/<task id>" (Autonet.Protocol's roles); "proposer/pending/…" are not tasks yet.
                tasks.AddRange(database.Keys($"{role}/").Select(k => ulong.TryParse(k.AsSpan(role.Length + 1), out var id) ? id : (ulong?)null).OfType<ulong>().Order());
            }
            print.Object(new { home = home.Path, name, role = nodeRole, address, projectId, gateways = settings.Gateways, modality, rpc, chainId, tasks, participation = NodeParticipation.ToJson(participation), chainProblem });
            print.Table(["what", "value"],
            [
                ["home", home.Path], ["name", name], ["role", role], ["address", address ?? "no key"], ["project", $"{projectId}"],
                ["storage", gateways], ["modality", modality], ["chain", $"{rpc} (chain id {chainId})"],
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
