// Separate hosts on this machine for `network run --hosts`: one Linux network namespace per host, each joined by a
// veth pair to one bridge with an address of its own (scripts/netns.sh does the `ip` work; this class runs it, names
// the hosts and gives the command prefix that runs a program on one). A lock file per prefix keeps two runs apart;
// what a killed run left behind under the same prefix is deleted before the hosts go up, and disposing deletes them.
// The hosts share this machine's file system and processes' view of it: only the network is separate.
using System.Diagnostics;

namespace Autonet.Devnet.Hosts;

/// <summary>Network-namespace hosts on one bridge; disposing deletes them.</summary>
public sealed class NetworkHosts : IAsyncDisposable
{
    /// <summary>Overrides where scripts/netns.sh is (else found above the current or the program's directory).</summary>
    public const string ScriptVariable = "AUTONET_NETNS_SCRIPT";

    private static readonly string[] IpPaths = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"];
    private readonly string _script;
    private readonly FileStream _lock;
    private readonly Dictionary<string, string> _addresses;

    private NetworkHosts(string script, string prefix, string network, FileStream held, Dictionary<string, string> addresses)
    {
        (_script, Prefix, Network, _lock, _addresses) = (script, prefix, network, held, addresses);
    }

    /// <summary>The hosts' name prefix (their namespaces are PREFIX-HOST).</summary>
    public string Prefix { get; }

    /// <summary>The first three octets of the hosts' /24.</summary>
    public string Network { get; }

    /// <summary>This machine's own address on the bridge (NET.254): what the hosts reach the launcher's gateway at.</summary>
    public string Bridge => $"{Network}.254";

    /// <summary>The hosts, by name.</summary>
    public IReadOnlyCollection<string> Names => _addresses.Keys;

    /// <summary>What separate hosts need that this machine lacks, as one line; null when nothing is missing.</summary>
    public static string? Missing(string? userName = null, Func<string, bool>? exists = null)
    {
        exists ??= File.Exists;
        userName ??= Environment.UserName;
        if (!OperatingSystem.IsLinux())
        {
            return "--hosts needs Linux network namespaces (ip netns); this is not Linux";
        }
        if (userName != "root")
        {
            return $"--hosts needs root for `ip netns` (running as {userName}); run it as root or with sudo";
        }
        if (!IpPaths.Any(exists))
        {
            return "--hosts needs the `ip` command (apt-get install iproute2)";
        }
        return FindScript() is null ? $"--hosts needs scripts/netns.sh of the source tree (not found above {AppContext.BaseDirectory}; or set {ScriptVariable})" : null;
    }

    /// <summary>Deletes what an earlier run left under <paramref name="prefix"/>, then brings <paramref name="hosts"/> up on NET.1, NET.2, ... in order.</summary>
    /// <exception cref="InvalidOperationException">Something is missing (<see cref="Missing"/>), another run holds the prefix, or `ip` failed (its words).</exception>
    public static async Task<NetworkHosts> UpAsync(string prefix, string network, IReadOnlyList<string> hosts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        if (Missing() is { } missing)
        {
            throw new InvalidOperationException(missing);
        }
        if (hosts.Count is 0 or > 253 || hosts.Distinct(StringComparer.Ordinal).Count() != hosts.Count)
        {
            throw new ArgumentException($"{hosts.Count} hosts: 1..253 distinct names (one /24 with the bridge on .254)", nameof(hosts));
        }
        var script = FindScript()!; // Missing() found it
        FileStream held;
        var lockPath = Path.Combine(Path.GetTempPath(), $"autonet-hosts-{prefix}.lock");
        try
        {
            held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); // flock: released when this process ends, however it ends
        }
        catch (IOException)
        {
            throw new InvalidOperationException($"hosts '{prefix}-*' are in use by another run (lock {lockPath}); wait for it or stop it");
        }
        try
        {
            await RunAsync(script, ["down", prefix], cancellationToken).ConfigureAwait(false); // a killed run's leftovers
            var output = await RunAsync(script, ["up", prefix, network, .. hosts], cancellationToken).ConfigureAwait(false);
            var addresses = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(' ')).Where(f => f.Length == 3).ToDictionary(f => f[0], f => f[2], StringComparer.Ordinal);
            return new NetworkHosts(script, prefix, network, held, addresses);
        }
        catch
        {
            await RunAsync(script, ["down", prefix], CancellationToken.None).ConfigureAwait(false);
            await held.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The address of <paramref name="host"/>.</summary>
    public string AddressOf(string host) =>
        _addresses.TryGetValue(host, out var address) ? address : throw new ArgumentException($"no host '{host}' (hosts: {string.Join(", ", Names)})", nameof(host));

    /// <summary>The command prefix that runs a program on <paramref name="host"/>: `ip netns exec PREFIX-HOST`.</summary>
    public IReadOnlyList<string> LauncherOf(string host)
    {
        _ = AddressOf(host); // a known host
        return ["ip", "netns", "exec", $"{Prefix}-{host}"];
    }

    /// <summary>Cuts (<paramref name="up"/> false) or restores the link of <paramref name="host"/> to the bridge.</summary>
    public Task SetLinkAsync(string host, bool up, CancellationToken cancellationToken)
    {
        _ = AddressOf(host);
        return RunAsync(_script, ["link", Prefix, host, up ? "up" : "down"], cancellationToken);
    }

    /// <summary>Deletes every host, its veth pair and the bridge, and releases the prefix.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(_script, ["down", Prefix], CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _lock.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string? FindScript()
    {
        if (Environment.GetEnvironmentVariable(ScriptVariable) is { Length: > 0 } set)
        {
            return File.Exists(set) ? set : null;
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var path = Path.Combine(directory.FullName, "scripts", "netns.sh");
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }
        return null;
    }

    private static async Task<string> RunAsync(string script, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start bash {script}");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false); // never left half-done: `ip` is quick
        cancellationToken.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(script)} {string.Join(' ', arguments)}: exit {process.ExitCode}: {(await errors.ConfigureAwait(false)).Trim()}");
        }
        return await output.ConfigureAwait(false);
    }
}
