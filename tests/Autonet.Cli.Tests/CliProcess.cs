// Runs the built `autonet` program as a user does (dotnet autonet.dll ARGS, standard output redirected, so it takes
// its plain-line form), with its own --home under the temp folder. A long-running command (chain up, gateway) is
// started, read line by line, and stopped with SIGINT as Ctrl-C would.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Autonet.Cli.Tests;

/// <summary>One `autonet` process: its exit code and what it printed.</summary>
internal sealed record CliResult(int Code, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;

    public override string ToString() => $"exit {Code}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>Starts `autonet` processes.</summary>
internal static class CliProcess
{
    public static async Task<CliResult> RunAsync(params string[] arguments) => await RunAsync(null, arguments);

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments, environment))!; // "dotnet" is on PATH wherever the tests run
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a command that runs until stopped; its standard output is read with <see cref="ReadLineAsync"/>.</summary>
    public static Process Start(params string[] arguments) => Process.Start(StartInfo(arguments, null))!;

    /// <summary>As <see cref="Start(string[])"/>, with extra environment variables.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) => Process.Start(StartInfo(arguments, environment))!;

    public static async Task<string> ReadLineAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException($"autonet exited ({process.ExitCode}) before printing a line: {await process.StandardError.ReadToEndAsync()}");
    }

    /// <summary>Ctrl-C: SIGINT, then the exit code.</summary>
    public static async Task<int> InterruptAsync(Process process)
    {
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>A loopback port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on the loopback port.</summary>
    public static async Task WaitForPortAsync(int port, Process process)
    {
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"autonet exited ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100); // the gateway is still starting: polling a port, not timing a test
            }
        }
        throw new TimeoutException($"nothing listens on 127.0.0.1:{port} after 60 s");
    }

    public static string NewHome() => Path.Combine(Path.GetTempPath(), $"autonet-cli-{Guid.NewGuid():N}");

    private static ProcessStartInfo StartInfo(string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "autonet.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";
        start.Environment.Remove("ETH_RPC_URL"); // a developer's own chain must not leak into the tests
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return start;
    }
}
