using System.Diagnostics;
using System.Numerics;
using System.Text.Json;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;
using Autonet.Node;
using Autonet.Node.Hosting;

namespace Autonet.Scenarios;

/// <summary>
/// Separate hosts (scripts/netns.sh): anvil on a chain host, three storage providers each running `autonet provider
/// serve` on a host of its own, a publisher host that runs `autonet model publish --register` (shards across the
/// providers it finds on chain), and a reader host. A provider host's link is cut; `autonet model fetch --id 1` on the
/// reader host still rebuilds the model bit for bit from the other two and names the one that was down; a possession
/// challenge of a provider that is up is answered by its serve loop across the bridge.
/// </summary>
public sealed class HostStorageScenarioTests : IAsyncLifetime
{
    private const string DevAdminKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"; // anvil's first dev account
    private const string UploadToken = "host-scenario-upload-token-0123456789"; // providers take uploads from other hosts with it
    private readonly string _prefix = $"as{Environment.ProcessId % 10000}";
    private readonly string _net = $"10.79.{Environment.ProcessId % 250}";
    private readonly string _home = Directory.CreateTempSubdirectory("autonet-storage-hosts-").FullName;
    private readonly List<Process> _processes = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new(); // the hosts' daemons, for failure messages

    private static string Script => Path.Combine(ScenarioPaths.RepositoryRoot(), "scripts", "netns.sh");

    public Task InitializeAsync() => Task.CompletedTask;

    [HostsFact]
    public async Task ModelFetch_ProviderHostDown_RebuildsFromTheOthers()
    {
        await ScenarioPaths.RunAsync(Script, "down", _prefix);
        await ScenarioPaths.RunAsync(Script, "up", _prefix, _net, "chain", "p1", "p2", "p3", "publisher", "reader");
        var anvil = AnvilLocator.Find() ?? throw new InvalidOperationException("anvil not found (scripts/setup.sh)");
        Start("chain", [anvil, "--host", $"{_net}.1", "--port", "8545", "--silent"]);
        var rpc = new Uri($"http://{_net}.1:8545");
        using var client = await ConnectWhenListeningAsync(rpc);
        var admin = SigningKey.Parse(DevAdminKey);
        var system = await AutonetSystem.DeployAsync(client, admin, CompiledContract.FindOutDirectory(), new SystemOptions(), CancellationToken.None);

        var providers = new List<SigningKey>();
        for (var i = 1; i <= 3; i++)
        {
            var key = await HomeAsync($"p{i}", client, system, admin, rpc);
            await system.Token.ApproveAsync(key, system.Shards.Address, await system.Shards.MinimumProviderStakeAsync(CancellationToken.None), CancellationToken.None);
            var address = $"http://{_net}.{i + 1}:5091/";
            Start($"p{i}", [.. Cli($"p{i}"), "provider", "serve", "--host", $"{_net}.{i + 1}", "--port", "5091", "--announce", address, "--poll", "0.5"], ("AUTONET_UPLOAD_TOKENS", UploadToken));
            providers.Add(key);
        }
        await WaitAsync("three providers announced on ProviderRegistry", async () => (await system.Providers.ListAsync(CancellationToken.None)).Count == 3);

        await HomeAsync("publisher", client, system, admin, rpc);
        await HomeAsync("reader", client, system, admin, rpc);
        var model = new byte[3_000_017];
        new Random(14).NextBytes(model);
        var file = Path.Combine(_home, "model.bin");
        await File.WriteAllBytesAsync(file, model);
        var publish = await ExecAsync("publisher", [.. Cli("publisher"), "--json", "model", "publish", file, "--register"], ("AUTONET_UPLOAD_TOKEN", UploadToken));
        Assert.True(publish.Code == 0, publish.Output);
        var published = LastJson(publish.Output);
        Assert.Equal("1", published.GetProperty("registered").GetProperty("modelId").GetString());
        Assert.Equal(3, published.GetProperty("providers").GetInt32());
        await WaitAsync("every shard announced by its provider", async () => (await system.Shards.AvailabilityAsync(1, CancellationToken.None)).Held == 6);

        await ScenarioPaths.RunAsync(Script, "link", _prefix, "p2", "down");
        var back = Path.Combine(_home, "back.bin");
        var fetch = await ExecAsync("reader", [.. Cli("reader"), "--json", "model", "fetch", "--id", "1", "-o", back]);
        Assert.True(fetch.Code == 0, fetch.Output);
        Assert.Equal(model, await File.ReadAllBytesAsync(back));
        var failures = LastJson(fetch.Output).GetProperty("failures").EnumerateArray().ToArray();
        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.Contains(providers[1].Address.ToString(), f.GetProperty("provider").GetString(), StringComparison.Ordinal));

        var challenge = await ExecAsync("reader", [.. Cli("reader"), "--json", "provider", "challenge", "--model", "1", "--provider", providers[0].Address.ToString()]);
        Assert.True(challenge.Code == 0, challenge.Output);
        var id = BigInteger.Parse(LastJson(challenge.Output).GetProperty("challenge").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        await WaitAsync("provider 1's serve loop answering the challenge", async () => (await system.Shards.ChallengeOfAsync(id, CancellationToken.None)).State == PossessionState.Proven);
    }

    // A host's home: a dev key funded with ETH and ATN, and chain.json naming the chain host and the deployment.
    private async Task<SigningKey> HomeAsync(string host, ChainClient client, AutonetSystem system, SigningKey admin, Uri rpc)
    {
        var home = new NodeHome(Path.Combine(_home, host)).EnsureCreated();
        var key = NodeIdentity.LoadOrCreate(home);
        ChainFile.Save(home, rpc, system.Deployment);
        await client.SendAsync(admin, key.Address, [], BigInteger.Pow(10, 19), CancellationToken.None);
        await system.Token.TransferAsync(admin, key.Address, Atn.Units(1000), CancellationToken.None);
        return key;
    }

    private string[] Cli(string host) => [.. ScenarioRun.NodeCommand, "--home", Path.Combine(_home, host)];

    private void Start(string host, string[] command, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("ip", ["netns", "exec", $"{_prefix}-{host}", .. command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => { if (line.Data is { } text) _log.Enqueue($"{host}: {text}"); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { } text) _log.Enqueue($"{host}: {text}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    private async Task<(int Code, string Output)> ExecAsync(string host, string[] command, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("ip", ["netns", "exec", $"{_prefix}-{host}", .. command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private static JsonElement LastJson(string output) =>
        JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{'))).RootElement.Clone();

    private async Task WaitAsync(string what, Func<Task<bool>> done)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (await done())
            {
                return;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"gave up after 120 s waiting for {what}; the hosts said:{Environment.NewLine}{string.Join(Environment.NewLine, _log.TakeLast(40))}");
    }

    private static async Task<ChainClient> ConnectWhenListeningAsync(Uri rpc)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ChainClient.ConnectAsync(rpc, null, CancellationToken.None);
            }
            catch (Exception e) when (attempt < 40 && e is Autonet.Chain.ChainException or HttpRequestException)
            {
                await Task.Delay(250);
            }
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
        if (OperatingSystem.IsLinux() && Environment.UserName == "root")
        {
            await ScenarioPaths.RunAsync(Script, "down", _prefix);
        }
        Directory.Delete(_home, recursive: true);
    }
}
