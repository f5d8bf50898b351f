using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;
using Autonet.Cli.Output;
using Autonet.Node;
using Autonet.Node.Config;
using Autonet.Node.Hosting;

namespace Autonet.Cli.Commands;

/// <summary>`autonet chain up`: a local anvil with the contracts deployed and listed in a contract registry.</summary>
internal static class ChainCommands
{
    internal static readonly Option<Uri?> Rpc = UriOption.CreateRpc("chain.rpc of config.yaml, else <home>/chain.json");

    public static Command Up()
    {
        var port = new Option<int>("--port") { Description = "Loopback port to listen on (0: a free one)", DefaultValueFactory = _ => 8545 }.Between(0, 65535);
        var state = new Option<FileInfo?>("--state") { Description = "Keep the chain in this file (anvil --state: loaded at start, saved every second and at Ctrl-C); a restart finds the same contracts" };
        var command = new Command("up", "Start a local anvil, deploy the contracts, list them in the registry, fund this node's key, print the addresses once it accepts requests; runs until Ctrl-C") { port, state };
        var up = new Command("chain", "Local development chain") { command };
        command.SetAction(async (result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var home = GlobalOptions.ResolveHome(result).EnsureCreated();
            var config = AutonetConfig.Load(home);
            var statePath = result.GetValue(state)?.FullName;
            var resumed = statePath is not null && File.Exists(statePath) && File.Exists(home.File(ChainFile.FileName));
            var outDirectory = CompiledContract.FindOutDirectory();
            await using var dev = await DevChain.StartAsync(new DevChainOptions { Port = result.GetValue(port), StatePath = statePath }, cancellationToken).ConfigureAwait(false);
            using var client = await dev.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var admin = dev.DevKeys[0];
            AutonetSystem system;
            if (resumed && await client.GetCodeAsync(ChainFile.Load(home).Deployment.ContractRegistry, cancellationToken).ConfigureAwait(false) is { Length: > 0 })
            {
                system = await AutonetSystem.DiscoverAsync(client, ChainFile.Load(home).Deployment.ContractRegistry, outDirectory, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                resumed = false;
                system = await AutonetSystem.DeployAsync(client, admin, outDirectory, new SystemOptions(), cancellationToken).ConfigureAwait(false);
            }
            ChainFile.Save(home, dev.Endpoint, system.Deployment);
            // The home's key (keystore or node.key); a home without one gets a plaintext dev node.key, as before.
            var node = NodeKeys.AddressOf(home, config) ?? DevNodeKey(home);
            if (!resumed)
            {
                await client.SendAsync(admin, node, [], BigInteger.Pow(10, 19), cancellationToken).ConfigureAwait(false);
                await system.Token.TransferAsync(admin, node, Atn.Units(10_000), cancellationToken).ConfigureAwait(false);
            }
            var chainId = dev.ChainId.ToString(CultureInfo.InvariantCulture);
            var registry = system.Deployment.ContractRegistry.ToString();
            // Anvil's dev keys are the well-known test keys of its default mnemonic, printed so they can be used with cast.
            print.Object(new
            {
                rpc = dev.Endpoint,
                chainId,
                registry,
                resumed,
                chainFile = home.File(ChainFile.FileName),
                contracts = system.Deployment.ByName.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()),
                node = new { address = node, eth = resumed ? null : "10", atn = resumed ? null : "10000" },
                devKeys = dev.DevKeys.Select(k => new { address = k.Address, privateKey = k.ExportHex() }),
            });
            var rows = new List<IReadOnlyList<string>> { (string[])["rpc", dev.Endpoint.ToString()], (string[])["chain id", chainId], (string[])["registry", registry] };
            rows.AddRange(system.Deployment.ByName.Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value.ToString()]));
            rows.Add(["this node", resumed ? node.ToString() : $"{node} (10 ETH, 10000 ATN)"]);
            rows.AddRange(dev.DevKeys.Select((k, i) => (IReadOnlyList<string>)[$"dev key {i}", $"{k.Address} {k.ExportHex()}"]));
            print.Table(["what", "value"], rows);
            print.Line($"saved {Spectre.Console.Markup.Escape(home.File(ChainFile.FileName))}; [yellow]dev keys are public test keys: never use them on a real chain[/]. Ctrl-C stops the chain.");
            print.Text($"ready: {dev.Endpoint} chain {chainId} registry {registry}{(resumed ? " (resumed from " + statePath + ")" : "")}");
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

    private static Core.Ids.Address DevNodeKey(NodeHome home)
    {
        using var key = NodeIdentity.LoadOrCreate(home);
        return key.Address;
    }

    /// <summary>Connects the home to its chain (config.yaml, --rpc, chain.json) and unlocks its key.</summary>
    internal static async Task<(ChainClient Client, AutonetSystem Contracts, Chain.Crypto.SigningKey Key)> AttachWithKeyAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var home = GlobalOptions.ResolveHome(result);
        var config = AutonetConfig.Load(home);
        var (client, system) = await NodeChain.ConnectAsync(home, config, cancellationToken, UriOption.Rpc(result, Rpc)).ConfigureAwait(false);
        try
        {
            return (client, system, NodeKeys.Unlock(home, config, PassphrasePrompt.Read));
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    internal static async Task<(ChainClient Client, AutonetSystem Contracts)> AttachAsync(NodeHome home, Uri? rpc, CancellationToken cancellationToken) =>
        await NodeChain.ConnectAsync(home, AutonetConfig.Load(home), cancellationToken, rpc).ConfigureAwait(false);
}
