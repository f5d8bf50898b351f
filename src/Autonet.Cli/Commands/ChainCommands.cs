using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;
using Autonet.Cli.Output;
using Autonet.Node;
using Autonet.Node.Hosting;

namespace Autonet.Cli.Commands;

/// <summary>`autonet chain up`, `autonet stake`, `autonet balance`: a local chain, and this node's stake and balances on it.</summary>
internal static class ChainCommands
{
    internal static readonly Option<Uri?> Rpc = UriOption.CreateRpc("the chain in <home>/chain.json");

    public static Command Up()
    {
        var command = new Command("up", "Start a local anvil on a free port, deploy the contracts, fund this node's key, print addresses and dev keys; runs until Ctrl-C");
        var up = new Command("chain", "Local development chain") { command };
        command.SetAction(async (result, cancellationToken) =>
        {
            var print = Printer.For(result);
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
            var chainId = dev.ChainId.ToString(CultureInfo.InvariantCulture);
            // Anvil's dev keys are the well-known test keys of its default mnemonic, printed so they can be used with cast.
            print.Object(new
            {
                rpc = dev.Endpoint,
                chainId,
                chainFile = home.File(ChainFile.FileName),
                contracts = system.Deployment.ByName.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()),
                node = new { address = node.Address, eth = "10", atn = "10000" },
                devKeys = dev.DevKeys.Select(k => new { address = k.Address, privateKey = k.ExportHex() }),
            });
            var rows = new List<IReadOnlyList<string>> { (string[])["rpc", dev.Endpoint.ToString()], (string[])["chain id", chainId] };
            rows.AddRange(system.Deployment.ByName.Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value.ToString()]));
            rows.Add(["this node", $"{node.Address} (10 ETH, 10000 ATN)"]);
            rows.AddRange(dev.DevKeys.Select((k, i) => (IReadOnlyList<string>)[$"dev key {i}", $"{k.Address} {k.ExportHex()}"]));
            print.Table(["what", "value"], rows);
            print.Line($"saved {Spectre.Console.Markup.Escape(home.File(ChainFile.FileName))}; [yellow]dev keys are public test keys: never use them on a real chain[/]. Ctrl-C stops the chain.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                print.Line("chain stopped");
            }
            return ExitCodes.Success;
        });
        return up;
    }

    public static Command Stake()
    {
        var role = ChoiceOption.Create<StakingRole>("--role", "The role to stake for", null);
        var amount = new Option<long?>("--amount") { Description = "Whole ATN to stake [default: the role's minimum]" }.AtLeast(1);
        var command = new Command("stake", "Stake ATN for a role with this node's key (<home>/node.key)") { role, amount, Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var home = GlobalOptions.ResolveHome(result);
            var stakingRole = ChoiceOption.Get<StakingRole>(result, role);
            var (client, system) = await AttachAsync(home, UriOption.Rpc(result, Rpc), cancellationToken).ConfigureAwait(false);
            using (client)
            {
                using var key = NodeIdentity.LoadOrCreate(home);
                var wei = result.GetValue(amount) is { } whole ? Atn.Units(whole) : await system.Staking.MinimumStakeAsync(stakingRole, cancellationToken).ConfigureAwait(false);
                await system.Token.ApproveAsync(key, system.Staking.Address, wei, cancellationToken).ConfigureAwait(false);
                var receipt = await system.Staking.StakeAsync(key, stakingRole, wei, cancellationToken).ConfigureAwait(false);
                print.Object(new { address = key.Address, role = stakingRole, atn = Atn.Format(wei), wei = wei.ToString(CultureInfo.InvariantCulture), tx = receipt.TransactionHash });
                print.Text($"{key.Address} staked {Atn.Format(wei)} ATN as {Devnet.KebabNames.Of(stakingRole)} (tx {receipt.TransactionHash})");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Balance()
    {
        var command = new Command("balance", "Show this node's ETH, ATN and stakes") { Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var home = GlobalOptions.ResolveHome(result);
            var (client, system) = await AttachAsync(home, UriOption.Rpc(result, Rpc), cancellationToken).ConfigureAwait(false);
            using (client)
            {
                using var key = NodeIdentity.LoadOrCreate(home);
                var stakes = new Dictionary<string, string>();
                foreach (var r in Enum.GetValues<StakingRole>())
                {
                    var s = await system.Staking.StakeOfAsync(key.Address, r, cancellationToken).ConfigureAwait(false);
                    if (!s.IsZero)
                    {
                        stakes[Devnet.KebabNames.Of(r)] = Atn.Format(s);
                    }
                }
                var eth = await client.GetBalanceAsync(key.Address, cancellationToken).ConfigureAwait(false);
                var atn = await system.Token.BalanceOfAsync(key.Address, cancellationToken).ConfigureAwait(false);
                print.Object(new { address = key.Address, eth = Atn.Format(eth), atn = Atn.Format(atn), stakesAtn = stakes });
                var stakeText = stakes.Count == 0 ? "none" : string.Join(", ", stakes.Select(kv => $"{kv.Key} {kv.Value}"));
                print.Table(["account", "ETH", "ATN", "stakes (ATN)"], [[key.Address.ToString(), Atn.Format(eth), Atn.Format(atn), stakeText]]);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    internal static async Task<(ChainClient Client, AutonetSystem Contracts)> AttachAsync(NodeHome home, Uri? rpc, CancellationToken cancellationToken)
    {
        var (savedRpc, deployment) = ChainFile.Load(home);
        var client = await ChainClient.ConnectAsync(rpc ?? savedRpc, deployment.ChainId, cancellationToken).ConfigureAwait(false);
        return (client, await AutonetSystem.AttachAsync(client, deployment, CompiledContract.FindOutDirectory(), cancellationToken).ConfigureAwait(false));
    }
}
