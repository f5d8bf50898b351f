using System.Diagnostics;
using System.Text.Json;
using Autonet.Chain.Dev;
using Autonet.Devnet.Network;
using Autonet.Node.Config;
using Autonet.Node.Roles;

namespace Autonet.Scenarios;

/// <summary>
/// Separate hosts (scripts/netns.sh): anvil alone on a chain host, a solver's `autonet node status` run on its own
/// host across the bridge; its link cut, the status says the chain is unreachable in one row and exits 0 (the RPC
/// timeout, never a hang); its link restored, the chain is read again.
/// </summary>
public sealed class HostScenarioTests : IAsyncLifetime
{
    private const string DevAdminKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"; // anvil's first dev account
    private readonly string _prefix = $"an{Environment.ProcessId % 10000}";
    private readonly string _net = $"10.78.{Environment.ProcessId % 250}";
    private readonly string _home = Directory.CreateTempSubdirectory("autonet-hosts-").FullName;
    private Process? _anvil;

    private static string Script => Path.Combine(RepositoryRoot(), "scripts", "netns.sh");

    public Task InitializeAsync() => Task.CompletedTask;

    [HostsFact]
    public async Task NodeStatus_OnItsOwnHost_ReadsTheChainHostAndSaysWhenCutOff()
    {
        await RunAsync(Script, "down", _prefix); // a previous run killed before its teardown
        await RunAsync(Script, "up", _prefix, _net, "chain", "solver");
        var anvil = AnvilLocator.Find() ?? throw new InvalidOperationException("anvil not found (scripts/setup.sh)");
        _anvil = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", $"{_prefix}-chain", anvil, "--host", $"{_net}.1", "--port", "8545", "--silent"]) { RedirectStandardOutput = true });
        var rpc = new Uri($"http://{_net}.1:8545");
        await using var network = await StartWhenListeningAsync(rpc);
        var solver = network.Role(NodeRole.Solver).First();
        AutonetConfig.Update(solver.Home, new Dictionary<ConfigKey, object>
        {
            [ConfigKeys.NodeRole] = "solver",
            [ConfigKeys.NodeName] = solver.Name,
            [ConfigKeys.NodeProject] = (long)network.ProjectId,
            [ConfigKeys.StorageGateways] = new[] { network.Gateway.Address.ToString() },
        });

        var reachable = await StatusAsync(solver.Home.Path);
        Assert.False(reachable.TryGetProperty("chainProblem", out _), reachable.ToString()); // nulls are left out
        Assert.NotEqual("0", reachable.GetProperty("participation").GetProperty("stakeAtn").GetString());

        await RunAsync(Script, "link", _prefix, "solver", "down");
        var cut = await StatusAsync(solver.Home.Path);
        Assert.Contains($"{_net}.1:8545", cut.GetProperty("chainProblem").GetString(), StringComparison.Ordinal);
        Assert.False(cut.TryGetProperty("participation", out _), cut.ToString());

        await RunAsync(Script, "link", _prefix, "solver", "up");
        var back = await StatusAsync(solver.Home.Path);
        Assert.False(back.TryGetProperty("chainProblem", out _), back.ToString());
        Assert.Equal(reachable.GetProperty("participation").GetProperty("stakeAtn").GetString(), back.GetProperty("participation").GetProperty("stakeAtn").GetString());
    }

    // The devnet deploys and funds the nodes from this machine through the bridge; anvil may take a moment to listen.
    private async Task<NetworkSetup> StartWhenListeningAsync(Uri rpc)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await NetworkSetup.StartAsync(new NetworkOptions { Home = _home, Rpc = rpc, AdminKey = DevAdminKey, ForcedErrors = false }, _ => { }, CancellationToken.None);
            }
            catch (Autonet.Chain.ChainException) when (attempt < 20)
            {
                await Task.Delay(500);
            }
        }
    }

    // `autonet --json --home HOME node status` run inside the solver's host.
    private async Task<JsonElement> StatusAsync(string home)
    {
        var (code, output) = await RunAsync("ip", ["netns", "exec", $"{_prefix}-solver", .. ScenarioRun.NodeCommand, "--json", "--home", home, "node", "status"]);
        Assert.True(code == 0, output);
        return JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{'))).RootElement.Clone();
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Autonet.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("no Autonet.slnx above " + AppContext.BaseDirectory);
    }

    public async Task DisposeAsync()
    {
        if (_anvil is { HasExited: false })
        {
            _anvil.Kill(entireProcessTree: true);
            await _anvil.WaitForExitAsync();
        }
        _anvil?.Dispose();
        if (OperatingSystem.IsLinux() && Environment.UserName == "root")
        {
            await RunAsync(Script, "down", _prefix);
        }
        Directory.Delete(_home, recursive: true);
    }
}
