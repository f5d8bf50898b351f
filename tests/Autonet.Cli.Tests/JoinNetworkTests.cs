// Issue 14, "a user can join with `node init` + `node run` alone", with real processes: `autonet network run
// --daemons` launches a network (its own anvil, contracts, providers, every node a daemon); a stranger's solver home
// is made by `node init` from the RPC URL and the registry address alone (read from a launched node's config.yaml, as a
// user would copy them from the operator), funded by the faucet, and `node run` with nothing else written into the
// home. It finds its project, the providers and the tasks on chain, trains on its own data, commits, reveals and is
// paid: `node status` shows it from the chain.
using System.Globalization;
using System.Text.Json;

namespace Autonet.Cli.Tests;

public sealed class JoinNetworkTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _runHome = CliProcess.NewHome();
    private readonly string _joiner = CliProcess.NewHome();
    private readonly Dictionary<string, string> _passphrase = new() { ["AUTONET_PASSPHRASE"] = "joiner passphrase" };

    // Slow (minutes of real block time); run it with --filter "Category=Slow".
    [Fact]
    [Trait("Category", "Slow")]
    public async Task NodeRun_HomeMadeByNodeInitAlone_CommitsRevealsAndIsPaid()
    {
        using var network = CliProcess.Start("--home", _runHome, "network", "run", "--daemons", "--rounds", "3", "--steps", "20", "--width", "16", "--depth", "1",
            "--commit-window", "40", "--window", "8");
        var stdout = network.StandardOutput.ReadToEndAsync();
        var stderr = network.StandardError.ReadToEndAsync();
        var (rpc, registry) = await LaunchedChainAsync(network);

        var init = await Run("--home", _joiner, "node", "init", "--role", "solver", "--rpc", rpc, "--registry", registry, "--light-kdf", "--auto-stake");
        Assert.True(init.Code == 0, init.ToString());
        var faucet = await Run("--home", _joiner, "faucet");
        Assert.True(faucet.Code == 0, faucet.ToString());
        var written = await File.ReadAllTextAsync(Path.Combine(_joiner, "config.yaml"));
        foreach (var key in new[] { "project_id", "gateways", "share_file", "seed", "modality" })
        {
            Assert.DoesNotContain(key, written, StringComparison.Ordinal); // every other setting is a default or comes from the chain
        }

        using var joiner = CliProcess.Start(_passphrase, "--home", _joiner, "node", "run");
        var joinerErrors = joiner.StandardError.ReadToEndAsync();
        using var runTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(25));
        // The run stops its chain when it ends: the joiner's participation is read from the chain while the run is up.
        JsonElement? participation = null;
        while (!network.HasExited && !runTimeout.IsCancellationRequested && !(participation is { } p && Paid(p)))
        {
            await Task.WhenAny(network.WaitForExitAsync(runTimeout.Token), Task.Delay(TimeSpan.FromSeconds(5)));
            var status = await Run("--home", _joiner, "--json", "node", "status");
            if (status.Code == 0 && JsonDocument.Parse(status.Stdout).RootElement.TryGetProperty("participation", out var read))
            {
                participation = read.Clone();
            }
        }
        await network.WaitForExitAsync(runTimeout.Token);
        output.WriteLine(await stdout);
        Assert.True(network.ExitCode == 0, $"network run exited {network.ExitCode}: {await stderr}");
        Assert.False(joiner.HasExited, $"the joined solver exited ({(joiner.HasExited ? joiner.ExitCode : 0)}): {(joiner.HasExited ? await joinerErrors : "")}");
        await CliProcess.InterruptAsync(joiner);
        output.WriteLine(await joinerErrors);

        var seen = participation ?? throw new InvalidOperationException("`node status` never read the joiner's participation while the run was up");
        output.WriteLine(seen.ToString());
        Assert.True(Paid(seen), $"the joiner did not commit, reveal, earn and claim: {seen}");
    }

    // Committed and revealed in some task, earned ATN for it, and claimed all it earned.
    private static bool Paid(JsonElement participation) =>
        participation.GetProperty("tasks").EnumerateArray().Any(t => t.GetProperty("committed").GetBoolean() && t.GetProperty("revealed").GetBoolean())
        && decimal.Parse(participation.GetProperty("earnedAtn").GetString()!, CultureInfo.InvariantCulture) > 0
        && participation.GetProperty("unclaimedAtn").GetString() == "0";

    // The chain and registry of the launched network, from a node's config.yaml once the set-up is over (the proposer
    // daemon, started last, has spoken): the faucet sends from the deployer's dev key, which the set-up sends with too.
    private async Task<(string Rpc, string Registry)> LaunchedChainAsync(System.Diagnostics.Process network)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (DateTime.UtcNow < deadline && !network.HasExited)
        {
            var runs = Path.Combine(_runHome, "runs");
            var proposer = Directory.Exists(runs) ? Directory.GetDirectories(runs, "proposer-1", SearchOption.AllDirectories).FirstOrDefault() : null;
            if (proposer is not null && File.Exists(Path.Combine(proposer, "daemon.log")))
            {
                var config = Path.Combine(Path.GetDirectoryName(proposer)!, "coordinator-1", "config.yaml");
                var settings = Node.Config.AutonetConfig.Load(new Node.NodeHome(Path.GetDirectoryName(config)!), new System.Collections.Hashtable());
                return (settings.Rpc.ToString(), settings.Registry);
            }
            await Task.Delay(500);
        }
        throw new InvalidOperationException($"network run started no proposer daemon within 10 minutes (exited: {network.HasExited})");
    }

    private Task<CliResult> Run(params string[] arguments) => CliProcess.RunAsync(_passphrase, arguments);

    public void Dispose()
    {
        foreach (var home in new[] { _runHome, _joiner })
        {
            if (Directory.Exists(home))
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }
}
