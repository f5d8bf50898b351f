// Issue 14, a restarted daemon after a slash, with real processes on a real anvil: a solver home made by `node init
// --auto-stake` stakes at its first start; the staking contract's owner then slashes it below the solver minimum (as a
// missed reveal or a lazy vote would), and the next `node run` tops the stake up from its balance; slashed again by
// more than its balance covers, `node run` exits with one line naming how much is missing, and with auto_stake off
// with the one line that says what to run.
using System.Globalization;
using System.Text.Json;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Cli.Tests;

public sealed class RestartAfterSlashTests : IDisposable
{
    // Account 0 of anvil's default mnemonic, the deployer (and so the owner) of `chain up`'s contracts.
    private const string Deployer = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private readonly string _chainHome = CliProcess.NewHome();
    private readonly string _node = CliProcess.NewHome();
    private readonly Dictionary<string, string> _passphrase = new() { ["AUTONET_PASSPHRASE"] = "slash test passphrase" };

    [Fact]
    public async Task NodeRun_SlashedBelowTheMinimum_TopsUpWhenTheBalanceCoversItElseNamesWhatIsMissing()
    {
        var port = CliProcess.FreePort();
        using var chain = CliProcess.Start("--home", _chainHome, "--json", "chain", "up", "--port", port.ToString(CultureInfo.InvariantCulture));
        try
        {
            using var up = JsonDocument.Parse(await CliProcess.ReadLineAsync(chain));
            var (rpc, registry) = (up.RootElement.GetProperty("rpc").GetString()!, up.RootElement.GetProperty("registry").GetString()!);
            Assert.True((await Run("node", "init", "--role", "solver", "--rpc", rpc, "--registry", registry, "--light-kdf", "--auto-stake")).Code == 0);
            Assert.True((await Run("faucet", "--atn", "60")).Code == 0);
            await StartAndStopAsync(); // the first start stakes the 50 ATN minimum: 10 ATN left

            using var client = await ChainClient.ConnectAsync(new Uri(rpc), null, CancellationToken.None);
            var system = await AutonetSystem.DiscoverAsync(client, Address.Parse(registry), CompiledContract.FindOutDirectory(), CancellationToken.None);
            using var owner = SigningKey.Parse(Deployer);
            await system.Staking.SetSlasherAsync(owner, owner.Address, true, CancellationToken.None);
            var account = Address.Parse(JsonDocument.Parse((await Run("--json", "key", "show")).Stdout).RootElement.GetProperty("address").GetString()!);

            await SlashAsync(system, owner, account, 5); // 45 staked, 10 held: the restart tops up 5
            await StartAndStopAsync();
            Assert.Equal(Atn.Units(50), await system.Staking.StakeOfAsync(account, StakingRole.Solver, CancellationToken.None));
            Assert.Equal(Atn.Units(5), await system.Token.BalanceOfAsync(account, CancellationToken.None));

            await SlashAsync(system, owner, account, 20); // 30 staked, 5 held: 15 short
            var refused = await Run("node", "run");
            Assert.True(refused.Code == 1, refused.ToString());
            var line = refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
            Assert.Contains($"{account} stakes 30 ATN as solver and holds 5 ATN: 15 ATN short of staking the 50 ATN minimum (ParticipantStaking.minimumStake(Solver))", line, StringComparison.Ordinal);

            var manual = await CliProcess.RunAsync(new Dictionary<string, string>(_passphrase) { ["AUTONET_NODE_AUTO_STAKE"] = "false" }, "--home", _node, "node", "run");
            Assert.True(manual.Code == 1, manual.ToString());
            Assert.Contains("stakes 30 ATN as solver, 20 ATN short of the 50 ATN minimum (ParticipantStaking.minimumStake(Solver)); node.auto_stake is false", manual.Stderr, StringComparison.Ordinal);
            Assert.Equal(Atn.Units(30), await system.Staking.StakeOfAsync(account, StakingRole.Solver, CancellationToken.None)); // nothing staked by a refused start
        }
        finally
        {
            await CliProcess.InterruptAsync(chain);
        }
    }

    private static async Task SlashAsync(AutonetSystem system, SigningKey owner, Address account, long atn) =>
        await system.Staking.SlashAsync(owner, account, StakingRole.Solver, Atn.Units(atn), new Hash32(Enumerable.Repeat((byte)1, 32).ToArray()), CancellationToken.None);

    // `node run` passes its gate (staking what auto_stake allows), says it is ready, and stops on Ctrl-C.
    private async Task StartAndStopAsync()
    {
        using var daemon = CliProcess.Start(_passphrase, "--home", _node, "node", "run");
        Assert.Contains("\"event\":\"ready\"", await CliProcess.ReadLineAsync(daemon), StringComparison.Ordinal);
        Assert.Equal(0, await CliProcess.InterruptAsync(daemon));
    }

    private Task<CliResult> Run(params string[] arguments) => CliProcess.RunAsync(_passphrase, ["--home", _node, .. arguments]);

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
}
