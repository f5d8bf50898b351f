// Issue 14, joining, as a user does it with real processes: `chain up` on a port with a state file, a second home
// made by `node init` from the RPC URL and the registry address alone, the gate of `node check` / `node run` failing
// with one line for each missing thing (gas, stake, wrong registry, wrong chain id, unreachable RPC, no key) and
// passing once funded by the faucet with auto_stake on; transfer, unstake, providers; and a chain restarted from its state.
using System.Globalization;
using System.Text.Json;

namespace Autonet.Cli.Tests;

public sealed class JoinTests : IDisposable
{
    private readonly string _chainHome = CliProcess.NewHome();
    private readonly string _node = CliProcess.NewHome();
    private readonly Dictionary<string, string> _passphrase = new() { ["AUTONET_PASSPHRASE"] = "join test passphrase" };

    [Fact]
    public async Task Join_FromRegistryAlone_GatedUntilFundedAndStaked()
    {
        var port = CliProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        var state = Path.Combine(_chainHome, "chain-state.json");
        var (rpc, registry) = await WithChainAsync(port, state, resumed: false, async (rpc, registry) =>
        {
            var init = await Run("--home", _node, "node", "init", "--role", "solver", "--rpc", rpc, "--registry", registry, "--light-kdf");
            Assert.True(init.Code == 0, init.ToString());
            Assert.True(File.Exists(Path.Combine(_node, "config.yaml")) && File.Exists(Path.Combine(_node, "keystore.json")) && File.Exists(Path.Combine(_node, "node.db")));
            Assert.Contains($"registry: \"{registry}\"", await File.ReadAllTextAsync(Path.Combine(_node, "config.yaml")), StringComparison.Ordinal);
            var again = await Run("--home", _node, "node", "init", "--role", "solver", "--rpc", rpc, "--registry", registry);
            Assert.Equal(2, again.Code);

            await ExpectGateAsync("has 0 ETH to pay gas and stakes 0 of the 50 ATN a solver needs (ParticipantStaking.minimumStake(Solver))");
            var faucet = await Run("--home", _node, "faucet", "--atn", "100");
            Assert.True(faucet.Code == 0, faucet.ToString());
            await ExpectGateAsync("stakes 0 ATN as solver, 50 ATN short of the 50 ATN minimum (ParticipantStaking.minimumStake(Solver)); node.auto_stake is false");

            // The wrong things, each named in one line with its rule.
            await ExpectGateAsync("chain.registry = 0x000000000000000000000000000000000000dEaD: no contract at this address on chain 31337", ("AUTONET_REGISTRY", "0x000000000000000000000000000000000000dEaD"));
            await ExpectGateAsync("chain.chain_id = 5: wrong chain: the node at", ("AUTONET_CHAIN_CHAIN_ID", "5"));
            var dead = $"http://127.0.0.1:{CliProcess.FreePort()}/";
            await ExpectGateAsync($"chain.rpc = {dead}: unreachable", ("AUTONET_RPC", dead), ("AUTONET_CHAIN_TIMEOUT_SECONDS", "2"));
            // `node run` (the daemon) exits on the same three with that one line and nothing else.
            await ExpectGateAsync("chain.registry = 0x000000000000000000000000000000000000dEaD: no contract at this address on chain 31337", "run", ("AUTONET_REGISTRY", "0x000000000000000000000000000000000000dEaD"));
            await ExpectGateAsync("chain.chain_id = 5: wrong chain: the node at", "run", ("AUTONET_CHAIN_CHAIN_ID", "5"));
            await ExpectGateAsync($"chain.rpc = {dead}: unreachable", "run", ("AUTONET_RPC", dead), ("AUTONET_CHAIN_TIMEOUT_SECONDS", "2"));
            await ExpectGateAsync("key.keystore = ", ("AUTONET_KEY_KEYSTORE", "/nonexistent/keystore.json"));
            await ExpectGateAsync("wrong passphrase", ("AUTONET_PASSPHRASE", "not it"));

            var set = await Run("--home", _node, "config", "set", "node.auto_stake", "true");
            Assert.True(set.Code == 0, set.ToString());
            var check = await Run("--home", _node, "--json", "node", "check");
            Assert.True(check.Code == 0, check.ToString());
            using (var passed = JsonDocument.Parse(check.Stdout))
            {
                Assert.Equal("50", passed.RootElement.GetProperty("stakeAtn").GetString());
                Assert.False(passed.RootElement.GetProperty("stakeTx").ValueKind == JsonValueKind.Null); // it staked now
            }
            using (var daemon = CliProcess.Start(_passphrase, "--home", _node, "node", "run")) // gated: passes, then runs the solver from config.yaml alone
            {
                Assert.Contains("\"event\":\"ready\"", await CliProcess.ReadLineAsync(daemon), StringComparison.Ordinal);
                Assert.Equal(0, await CliProcess.InterruptAsync(daemon)); // Ctrl-C: stops cleanly, its state in its home
            }

            var transfer = await Run("--home", _node, "transfer", "--to", "0x000000000000000000000000000000000000bEEF", "--atn", "1.5");
            Assert.True(transfer.Code == 0, transfer.ToString());
            var tooMuch = await Run("--home", _node, "transfer", "--to", "0x000000000000000000000000000000000000bEEF", "--atn", "1000");
            Assert.Equal(1, tooMuch.Code);
            Assert.Contains("holds 48.5 ATN; rule: cannot send more than the balance", tooMuch.Stderr, StringComparison.Ordinal);
            var unstake = await Run("--home", _node, "unstake", "--role", "solver");
            Assert.Equal(1, unstake.Code);
            Assert.Contains("StakeLocked(", unstake.Stderr, StringComparison.Ordinal); // the 3-day lock, from the contract

            var announce = await Run("--home", _node, "provider", "announce", "http://10.1.2.3:5080/");
            Assert.Equal(1, announce.Code); // 48.5 ATN left: below the 200 ATN provider stake
            var funded = await Run("--home", _node, "faucet", "--atn", "200", "--eth", "0");
            Assert.True(funded.Code == 0, funded.ToString());
            announce = await Run("--home", _node, "provider", "announce", "http://10.1.2.3:5080/");
            Assert.True(announce.Code == 0, announce.ToString());
            var list = await Run("--home", _node, "--json", "provider", "list");
            Assert.True(list.Code == 0, list.ToString());
            Assert.Contains("http://10.1.2.3:5080/", list.Stdout, StringComparison.Ordinal);
        });

        // Restarted from its state file: the same registry, and the node's stake is still there.
        await WithChainAsync(port, state, resumed: true, async (rpc2, registry2) =>
        {
            Assert.Equal((rpc, registry), (rpc2, registry2));
            var balance = await Run("--home", _node, "--json", "balance");
            Assert.True(balance.Code == 0, balance.ToString());
            using var json = JsonDocument.Parse(balance.Stdout);
            Assert.Equal("50", json.RootElement.GetProperty("stakesAtn").GetProperty("solver").GetString());
            Assert.Equal("200", json.RootElement.GetProperty("stakesAtn").GetProperty("provider").GetString());
        });
    }

    public void Dispose()
    {
        foreach (var home in new[] { _chainHome, _node })
        {
            if (Directory.Exists(home))
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }

    private async Task<(string Rpc, string Registry)> WithChainAsync(string port, string state, bool resumed, Func<string, string, Task> body)
    {
        using var chain = CliProcess.Start(_passphrase, "--home", _chainHome, "--json", "chain", "up", "--port", port, "--state", state);
        try
        {
            using var up = JsonDocument.Parse(await CliProcess.ReadLineAsync(chain));
            var rpc = up.RootElement.GetProperty("rpc").GetString()!;
            var registry = up.RootElement.GetProperty("registry").GetString()!;
            Assert.Equal($"http://127.0.0.1:{port}", rpc);
            Assert.Equal(resumed, up.RootElement.GetProperty("resumed").GetBoolean());
            await body(rpc, registry);
            return (rpc, registry);
        }
        finally
        {
            Assert.Equal(0, await CliProcess.InterruptAsync(chain)); // Ctrl-C: anvil saves its state
        }
    }

    private Task<CliResult> Run(params string[] arguments) => CliProcess.RunAsync(_passphrase, arguments);

    private Task ExpectGateAsync(string expected, params (string Name, string Value)[] environment) => ExpectGateAsync(expected, "check", environment);

    // `node check` or `node run` fails with exit code 1 and one line on standard error that contains expected.
    private async Task ExpectGateAsync(string expected, string command, params (string Name, string Value)[] environment)
    {
        var variables = new Dictionary<string, string>(_passphrase);
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }
        var result = await CliProcess.RunAsync(variables, "--home", _node, "node", command);
        Assert.True(result.Code == 1, result.ToString());
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        var more = lines.Skip(1).Where(l => !l.StartsWith("(run again with --verbose", StringComparison.Ordinal)); // the hint every failure gets
        Assert.True(command == "check" || !more.Any(), $"node {command}: more than one line: {result.Stderr}");
        Assert.True(command == "check" || lines[0].Contains("rule: ", StringComparison.Ordinal), $"node {command}: no rule named: {lines[0]}");
    }
}
