using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;

namespace Autonet.Chain.Dev;

/// <summary>
/// A local anvil chain for development and tests: a free loopback port (--port 0) or a given one, history pruning
/// (--prune-history, so no state is persisted and memory stays flat) unless a state file is given (--state), and HOME pointed at a temporary directory so nothing lands in
/// ~/.foundry. Exposes the dev accounts' keys. Disposing kills the process tree and deletes the directory; a process-exit
/// hook does the same if the host dies without disposing. Not for anything but local development.
/// </summary>
public sealed partial class DevChain : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private int _disposed;
    private bool _graceful;

    private DevChain(Process process, string directory, Uri endpoint, System.Numerics.BigInteger chainId, IReadOnlyList<SigningKey> keys)
    {
        _process = process;
        _directory = directory;
        Endpoint = endpoint;
        ChainId = chainId;
        DevKeys = keys;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The JSON-RPC endpoint, http://127.0.0.1:port.</summary>
    public Uri Endpoint { get; }

    public System.Numerics.BigInteger ChainId { get; }

    /// <summary>The temporary HOME and working directory of the anvil process; deleted on dispose.</summary>
    public string StateDirectory => _directory;

    /// <summary>The funded dev accounts' keys (anvil's well-known test mnemonic): for local chains only.</summary>
    public IReadOnlyList<SigningKey> DevKeys { get; }

    /// <summary>Starts anvil and waits until it listens.</summary>
    /// <exception cref="ChainException">anvil is missing, exits early, or does not listen within the start timeout.</exception>
    public static async Task<DevChain> StartAsync(DevChainOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Accounts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.ChainId);
        var anvil = options.AnvilPath ?? AnvilLocator.Find()
            ?? throw new ChainException("anvil not found: run `cd contracts && npm install` (or set AUTONET_ANVIL to its path)");
        if (!File.Exists(anvil))
        {
            throw new ChainException($"anvil not found at {anvil}: run `cd contracts && npm install` (or set AUTONET_ANVIL to its path)");
        }
        var directory = Directory.CreateTempSubdirectory("autonet-anvil-").FullName;
        var configOut = Path.Combine(directory, "anvil.json");
        var start = new ProcessStartInfo(options.Launcher.Count > 0 ? options.Launcher[0] : anvil)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        var arguments = options.Launcher.Skip(1).Concat(options.Launcher.Count > 0 ? [anvil] : []).ToList();
        arguments.AddRange(
        [
            "--host", options.Host, "--port", options.Port.ToString(CultureInfo.InvariantCulture), "--accounts", options.Accounts.ToString(CultureInfo.InvariantCulture),
            "--chain-id", options.ChainId.ToString(CultureInfo.InvariantCulture), "--config-out", configOut, "--color", "never",
        ]);
        // Without a state file nothing persists, so history is pruned (memory stays flat); with one, anvil loads it and dumps every second.
        arguments.AddRange(options.StatePath is { } state ? ["--state", Path.GetFullPath(state), "--state-interval", "1"] : ["--prune-history"]);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["HOME"] = directory; // anvil writes ~/.foundry otherwise
        var process = Process.Start(start) ?? throw new ChainException($"could not start {anvil}");
        try
        {
            var port = await WaitForPortAsync(process, anvil, options.StartTimeout, cancellationToken).ConfigureAwait(false);
            var keys = ReadKeys(configOut);
            return new DevChain(process, directory, new Uri($"http://{options.Host}:{port}"), options.ChainId, keys) { _graceful = options.StatePath is not null };
        }
        catch
        {
            Kill(process);
            TryDelete(directory);
            throw;
        }
    }

    /// <summary>A client connected to this chain (chain id checked).</summary>
    public Task<ChainClient> ConnectAsync(CancellationToken cancellationToken, Abi.RevertDecoder? reverts = null) =>
        ChainClient.ConnectAsync(Endpoint, ChainId, cancellationToken, reverts);

    private static async Task<int> WaitForPortAsync(Process process, string anvil, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var seen = new System.Text.StringBuilder();
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false) is { } line)
            {
                seen.AppendLine(line);
                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    // Keep draining stdout so anvil never blocks on a full pipe.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChainException($"{anvil} did not report 'Listening on' within {timeout.TotalSeconds} s; output: {Tail(seen)}");
        }
        throw new ChainException($"{anvil} exited before listening; output: {Tail(seen)}");
    }

    private static List<SigningKey> ReadKeys(string configOut)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(configOut));
        return document.RootElement.GetProperty("private_keys").EnumerateArray().Select(k => SigningKey.Parse(k.GetString() ?? "")).ToList();
    }

    private static string Tail(System.Text.StringBuilder text) => text.Length <= 500 ? text.ToString() : text.ToString()[^500..];

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
    }

    private static void Terminate(Process process)
    {
        try
        {
            if (!process.HasExited && !OperatingSystem.IsWindows())
            {
                using var signal = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
                signal.WaitForExit(5000);
                process.WaitForExit(10_000);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone already, or no `kill` on the PATH: the state dumped within the last second stands.
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; the OS cleans /tmp.
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Stop();

    private void Stop()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (_graceful)
        {
            Terminate(_process); // anvil dumps its state on SIGTERM
        }
        Kill(_process);
        foreach (var key in DevKeys)
        {
            key.Dispose();
        }
        TryDelete(_directory);
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"Listening on [0-9.]+:(\d+)")]
    private static partial Regex ListeningLine();
}
