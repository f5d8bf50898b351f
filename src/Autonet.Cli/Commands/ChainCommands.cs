using System.CommandLine;
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;
using Autonet.Node;
using Autonet.Node.Hosting;
using Spectre.Console;

namespace Autonet.Cli.Commands;

/// <summary>`autonet chain up`, `autonet stake`, `autonet balance` (issue 4's chain CLI).</summary>
internal static class ChainCommands
{
    internal static readonly Option<Uri?> Rpc = UriOption.Create("--rpc", "JSON-RPC URL of an existing chain [default: the one in <home>/chain.json]");

    public static Command Up()
    {
        var command = new Command("up", "Start a local anvil, deploy the contracts, fund this node's key, print addresses and dev keys; runs until Ctrl-C");
        var up = new Command("chain", "Local development chain") { command };
        command.SetAction(async (result, cancellationToken) =>
        {
            var home = GlobalOptions.ResolveHome(result).EnsureCreated();
            var outDirectory = CompiledContract.FindOutDirectory();
            await using var dev = await DevChain.StartAsync(new DevChainOptions(), cancellationToken).ConfigureAwait(false);
            using var client = await dev.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var admin = dev.DevKeys[0];
            var system = await AutonetSystem.DeployAsync(client, admin, outDirectory, new SystemOptions(), cancellationToken).ConfigureAwait(false);
            ChainFile.Save(home, dev.Endpoint, system.Deployment);
            using var node = NodeIdentity.LoadOrCreate(home);
            await client.SendAsync(admin, node.Address, [], BigInteger.Pow(10, 19), cancellationToken).ConfigureAwait(false);
            await system.Token.TransferAsync(admin, node.Address, Atn.Units(10_000), cancellationToken).ConfigureAwait(false);
            var table = new Table().Border(TableBorder.Rounded).AddColumns("what", "value");
            table.AddRow("rpc", dev.Endpoint.ToString());
            table.AddRow("chain id", dev.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (name, address) in system.Deployment.ByName)
            {
                table.AddRow(name, address.ToString());
            }
            table.AddRow("this node", $"{node.Address} (10 ETH, 10000 ATN)");
            for (var i = 0; i < dev.DevKeys.Count; i++)
            {
                table.AddRow($"dev key {i}", $"{dev.DevKeys[i].Address} {dev.DevKeys[i].ExportHex()}");
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("saved {0}; [yellow]dev keys are public test keys: never use them on a real chain[/]. Ctrl-C stops the chain.", Markup.Escape(home.File(ChainFile.FileName)));
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                AnsiConsole.MarkupLine("chain stopped");
            }
            return 0;
        });
        return up;
    }

    public static Command Stake()
    {
        var role = new Option<string>("--role") { Description = "proposer | solver | coordinator | aggregator", Required = true };
        var amount = new Option<long?>("--amount") { Description = "ATN to stake [default: the role's minimum]" };
        var command = new Command("stake", "Stake ATN for a role with this node's key") { role, amount, Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var home = GlobalOptions.ResolveHome(result);
            var stakingRole = ParseRole(result.GetValue(role)!);
            var (client, system) = await AttachAsync(home, result.GetValue(Rpc), cancellationToken).ConfigureAwait(false);
            using (client)
            {
                using var key = NodeIdentity.LoadOrCreate(home);
                var wei = result.GetValue(amount) is { } whole ? Atn.Units(whole) : await system.Staking.MinimumStakeAsync(stakingRole, cancellationToken).ConfigureAwait(false);
                await system.Token.ApproveAsync(key, system.Staking.Address, wei, cancellationToken).ConfigureAwait(false);
                var receipt = await system.Staking.StakeAsync(key, stakingRole, wei, cancellationToken).ConfigureAwait(false);
                AnsiConsole.MarkupLine("{0} staked {1} ATN as {2} (tx {3})", key.Address, Markup.Escape(Format(wei)), stakingRole, receipt.TransactionHash);
            }
            return 0;
        });
        return command;
    }

    public static Command Balance()
    {
        var command = new Command("balance", "Show this node's ETH, ATN and stakes") { Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var home = GlobalOptions.ResolveHome(result);
            var (client, system) = await AttachAsync(home, result.GetValue(Rpc), cancellationToken).ConfigureAwait(false);
            using (client)
            {
                using var key = NodeIdentity.LoadOrCreate(home);
                var table = new Table().Border(TableBorder.Rounded).AddColumns("account", "ETH", "ATN", "stakes (ATN)");
                var stakes = new List<string>();
                foreach (var r in Enum.GetValues<StakingRole>())
                {
                    var s = await system.Staking.StakeOfAsync(key.Address, r, cancellationToken).ConfigureAwait(false);
                    if (!s.IsZero)
                    {
                        stakes.Add($"{r} {Format(s)}");
                    }
                }
                var eth = await client.GetBalanceAsync(key.Address, cancellationToken).ConfigureAwait(false);
                var atn = await system.Token.BalanceOfAsync(key.Address, cancellationToken).ConfigureAwait(false);
                table.AddRow(key.Address.ToString(), Format(eth), Format(atn), stakes.Count == 0 ? "none" : string.Join(", ", stakes));
                AnsiConsole.Write(table);
            }
            return 0;
        });
        return command;
    }

    internal static async Task<(ChainClient Client, AutonetSystem Contracts)> AttachAsync(NodeHome home, Uri? rpc, CancellationToken cancellationToken)
    {
        var (savedRpc, deployment) = ChainFile.Load(home);
        var client = await ChainClient.ConnectAsync(rpc ?? savedRpc, deployment.ChainId, cancellationToken).ConfigureAwait(false);
        return (client, await AutonetSystem.AttachAsync(client, deployment, CompiledContract.FindOutDirectory(), cancellationToken).ConfigureAwait(false));
    }

    private static StakingRole ParseRole(string text) => text.ToLowerInvariant() switch
    {
        "proposer" => StakingRole.Proposer,
        "solver" => StakingRole.Solver,
        "coordinator" => StakingRole.Coordinator,
        "aggregator" => StakingRole.Aggregator,
        _ => throw new ArgumentException($"--role '{text}' is not one of proposer, solver, coordinator, aggregator"),
    };

    private static string Format(BigInteger wei) => Atn.Format(wei);
}
