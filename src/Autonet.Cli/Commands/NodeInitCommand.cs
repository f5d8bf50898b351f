using System.CommandLine;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Cli.Output;
using Autonet.Core.Ids;
using Autonet.Node;
using Autonet.Node.Config;
using Autonet.Node.Hosting;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet node init` (a home: config.yaml, an encrypted key, the state database) and `autonet node check` (the gate
/// `node run` passes first: key, RPC, chain id, registry, gas, stake; stakes when node.auto_stake allows it).
/// </summary>
internal static class NodeInitCommand
{
    public static Command Init()
    {
        var role = new Option<string>("--role") { Description = "The node's role", Required = true, HelpName = "proposer|solver|coordinator|aggregator|provider" }
            .AcceptOnlyFromAmong("proposer", "solver", "coordinator", "aggregator", "provider");
        var rpc = UriOption.Create("--rpc", "JSON-RPC URL of the chain (chain.rpc)");
        rpc.Required = true;
        var registry = new Option<string>("--registry") { Description = "The deployment's contract registry (chain.registry), printed by `autonet chain up`", Required = true };
        var data = new Option<DirectoryInfo?>("--data") { Description = "The node's home folder [default: --home, $AUTONET_HOME or ~/.autonet]" };
        var chainId = new Option<long?>("--chain-id") { Description = "The chain id to expect (chain.chain_id) [default: whatever the RPC reports]" }.AtLeast(1);
        var autoStake = new Option<bool>("--auto-stake") { Description = "Stake the role's minimum at start when the balance allows it (node.auto_stake)" };
        var passphraseFile = new Option<FileInfo?>("--passphrase-file") { Description = "Read the keystore's passphrase from this file (key.passphrase_file) [default: $AUTONET_PASSPHRASE, else a prompt]" };
        var command = new Command("init", "Create a node's home: config.yaml, an encrypted keystore key (unless the home has one) and its state database")
        {
            role, rpc, registry, data, chainId, autoStake, passphraseFile, KeyCommand.LightKdf,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var home = result.GetValue(data) is { } folder ? new NodeHome(folder.FullName) : GlobalOptions.ResolveHome(result);
            var registryText = result.GetValue(registry)!;
            if (!Address.TryParse(registryText, out var registryAddress))
            {
                throw new UsageException($"--registry '{registryText}' is invalid: must be a 0x-prefixed 20-byte hex address (the registry `autonet chain up` prints)");
            }
            if (File.Exists(home.File(AutonetConfig.FileName)))
            {
                throw new UsageException($"{home.File(AutonetConfig.FileName)} already exists; rule: init never overwrites a home (change it with `autonet config set`)");
            }
            var made = NodeInit.Create(home, new NodeInitOptions
            {
                Role = result.GetValue(role)!,
                Rpc = result.GetValue(rpc)!,
                Registry = registryAddress,
                ChainId = result.GetValue(chainId),
                AutoStake = result.GetValue(autoStake),
                PassphraseFile = result.GetValue(passphraseFile)?.FullName,
                Kdf = result.GetValue(KeyCommand.LightKdf) ? KdfParameters.Light : KdfParameters.Standard,
            }, PassphrasePrompt.Read);
            var (config, address, keystore, keyNote) = (made.Config, made.Address, made.Keystore, made.KeyNote);
            var print = Printer.For(result);
            print.Object(new { home = home.Path, config = config.FilePath, role = config.Role, address = address.ToString(), keystore, database = home.File("node.db") });
            print.Text($"{home.Path}: {config.Role} {address}; {keyNote}; next: fund it (`autonet faucet` on a dev chain), then `autonet node check`");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    public static Command Check()
    {
        var command = new Command("check", "Make the checks `node run` makes before it starts (key, RPC, chain id, registry, gas, stake) and stake when node.auto_stake allows it");
        command.SetAction(async (result, cancellationToken) =>
        {
            var gate = await GateAsync(result, cancellationToken).ConfigureAwait(false);
            var print = Printer.For(result);
            print.Object(new { address = gate.Address, role = gate.Role, stakeAtn = Atn.Format(gate.Stake), minimumAtn = Atn.Format(gate.Minimum), eth = Atn.Format(gate.Eth), atn = Atn.Format(gate.Atn), stakeTx = gate.StakeTransaction });
            print.Text(Describe(gate));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The gate, for a home with config.yaml.</summary>
    public static Task<GateResult> GateAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var home = GlobalOptions.ResolveHome(result);
        return NodeGate.CheckAsync(home, AutonetConfig.Load(home), PassphrasePrompt.Read, cancellationToken);
    }

    public static string Describe(GateResult gate) =>
        $"ready: {gate.Address} {gate.Role} stakes {Atn.Format(gate.Stake)} ATN (minimum {Atn.Format(gate.Minimum)}){(gate.StakeTransaction is { } tx ? $", staked now (tx {tx})" : "")}; {Atn.Format(gate.Eth)} ETH, {Atn.Format(gate.Atn)} ATN";
}
