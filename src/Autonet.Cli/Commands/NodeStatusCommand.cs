using System.CommandLine;
using Autonet.Cli.Output;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;
using Autonet.Node.State;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet node status`: what a node's home says about it (name, role, key's address, project, gateway, chain) and
/// the tasks it holds saved state for. It reads the home only: it creates no key and touches no chain.
/// </summary>
internal static class NodeStatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show a node home's name, role, address, project, gateway, chain and the tasks it has state for");
        command.SetAction((result, cancellationToken) =>
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
            if (File.Exists(home.File(ChainFile.FileName)))
            {
                var (endpoint, deployment) = ChainFile.Load(home);
                (rpc, chainId) = (endpoint.ToString(), deployment.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            var role = Devnet.KebabNames.Of(config.Role);
            var tasks = new List<ulong>();
            if (File.Exists(home.File("node.db")))
            {
                using var database = NodeDatabase.Open(home.File("node.db"));
                // Role state is saved under "<role>/<task id>" (Autonet.Protocol's roles); "proposer/pending/…" are not tasks yet.
                tasks.AddRange(database.Keys($"{role}/").Select(k => ulong.TryParse(k.AsSpan(role.Length + 1), out var id) ? id : (ulong?)null).OfType<ulong>().Order());
            }
            print.Object(new { home = home.Path, name = config.Name, role = config.Role, address, projectId = config.ProjectId, gateway = config.Gateway, modality = config.Modality, rpc, chainId, tasks });
            print.Table(["what", "value"],
            [
                ["home", home.Path], ["name", config.Name], ["role", role], ["address", address ?? "no node.key"], ["project", $"{config.ProjectId}"],
                ["gateway", config.Gateway.ToString()], ["modality", Devnet.KebabNames.Of(config.Modality)], ["chain", $"{rpc} (chain id {chainId})"],
                ["tasks with state", tasks.Count == 0 ? "none" : string.Join(", ", tasks)],
            ]);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
