// The storage providers of `network run --daemons`: each is `autonet --home HOME provider serve` (its gateway, its
// shard announcements and possession answers), on its own host with --hosts. The launcher only gives each a home
// (a key, chain.json), funds it with gas and the provider minimum stake, and starts it; the provider stakes and announces
// its gateway on ProviderRegistry by itself (`--announce`); the run places the genesis model once every one is active.
// Their output goes to provider.log in their homes; disposing kills them.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Devnet.Processes;
using Autonet.Node;
using Autonet.Node.Hosting;
using Autonet.Storage.Blobs;

namespace Autonet.Devnet.Network;

/// <summary>Starts the run's storage provider processes and waits until they are announced on chain.</summary>
internal sealed class StorageProviders : IDisposable
{
    private const int HostPort = 5091; // every provider host has an address of its own, so one port serves them all
    private static readonly Lock LogLock = new();
    private readonly List<(string Name, Process Process, NodeHome Home)> _processes = [];

    /// <summary>The providers started (announced or not yet).</summary>
    public IReadOnlyList<StorageProvider> Started { get; private set; } = [];

    /// <summary>Funds and starts <paramref name="count"/> providers for <paramref name="net"/>; <see cref="AwaitActiveAsync"/> waits until they are announced.</summary>
    public static async Task<StorageProviders> StartAsync(NetworkSetup net, int count, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var providers = new StorageProviders();
        try
        {
            var stake = await net.Contracts.Shards.MinimumProviderStakeAsync(cancellationToken).ConfigureAwait(false);
            var started = new List<StorageProvider>();
            for (var i = 1; i <= count; i++)
            {
                var name = NetworkHostNames.Provider(i);
                var home = new NodeHome(Path.Combine(net.Folder, "providers", name)).EnsureCreated();
                using var key = NodeIdentity.LoadOrCreate(home);
                ChainFile.Save(home, net.Rpc, net.Contracts.Deployment);
                await net.Client.SendAsync(net.Admin, key.Address, [], BigInteger.Pow(10, 19), cancellationToken).ConfigureAwait(false);
                await net.Contracts.Token.TransferAsync(net.Admin, key.Address, stake, cancellationToken).ConfigureAwait(false);
                var address = net.Hosts?.AddressOf(name) ?? "127.0.0.1";
                var port = net.Hosts is null ? FreeLoopbackPort() : HostPort;
                var gateway = new Uri($"http://{address}:{port.ToString(CultureInfo.InvariantCulture)}/");
                var placement = net.PlacementOf(name);
                if (net.UploadToken is { } token)
                {
                    placement = placement with { Environment = new Dictionary<string, string>(placement.Environment) { [BlobGatewayOptions.TokensVariable] = token } };
                }
                var process = NodeProgram.Start(command, home, placement,
                    ["--json", "provider", "serve", "--host", address, "--port", port.ToString(CultureInfo.InvariantCulture), "--announce", gateway.ToString(), "--poll", "1"]);
                _ = LogAsync(process.StandardOutput, home.File("provider.log"));
                _ = LogAsync(process.StandardError, home.File("provider.log"));
                providers._processes.Add((name, process, home));
                started.Add(new StorageProvider(name, key.Address, gateway));
            }
            providers.Started = started;
            return providers;
        }
        catch
        {
            providers.Dispose();
            throw;
        }
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) until every provider started is active on ProviderRegistry; returns them.</summary>
    /// <exception cref="InvalidOperationException">A provider exited, or was not announced in time (its last words).</exception>
    public async Task<IReadOnlyList<StorageProvider>> AwaitActiveAsync(AutonetSystem contracts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        var started = Started;
        var until = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (_processes.FirstOrDefault(p => p.Process.HasExited) is { Process: not null } dead)
            {
                throw new InvalidOperationException($"storage provider {dead.Name} exited with code {dead.Process.ExitCode}: {LastWords(dead.Home)}");
            }
            var listed = (await contracts.Providers.ListAsync(cancellationToken).ConfigureAwait(false)).Select(l => l.Provider).ToHashSet();
            var waiting = new List<string>();
            foreach (var provider in started)
            {
                if (!listed.Contains(provider.Account) || !await contracts.Providers.IsActiveAsync(provider.Account, cancellationToken).ConfigureAwait(false))
                {
                    waiting.Add(provider.Name);
                }
            }
            if (waiting.Count == 0)
            {
                return started;
            }
            if (DateTimeOffset.UtcNow > until)
            {
                throw new InvalidOperationException($"storage providers {string.Join(", ", waiting)} were not active on ProviderRegistry within {timeout.TotalSeconds:F0} s: {LastWords(_processes.First(p => p.Name == waiting[0]).Home)}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string LastWords(NodeHome home)
    {
        var log = home.File("provider.log");
        return File.Exists(log) ? string.Join(" | ", File.ReadLines(log).TakeLast(3)) : "(no output)";
    }

    private static async Task LogAsync(StreamReader from, string path)
    {
        while (await from.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (LogLock) // standard output and error append to one file
            {
                File.AppendAllText(path, line + "\n");
            }
        }
    }

    // A port nothing listens on right now (the provider binds it a moment later; on one host nothing else races for it).
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        foreach (var (_, process, _) in _processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // already exited
            }
            process.Dispose();
        }
        _processes.Clear();
    }
}
