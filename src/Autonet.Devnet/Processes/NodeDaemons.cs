// The parent's side of `network run --daemons`: every node is one long-running `autonet --home NODE node run`
// process that watches the chain and acts on its own; the run only waits, per phase, for each node's outcome line
// on the task. A daemon that dies (killed, crashed) is reported with its exit code and last words, and started
// again at once, as a supervisor would: it resumes from its home.
using System.Diagnostics;
using System.Globalization;
using Autonet.Node;
using Autonet.Node.Adapters;
using Autonet.Node.Roles;

namespace Autonet.Devnet.Processes;

/// <summary>Starts, watches and restarts node daemons; waits for their outcome lines.</summary>
public sealed class NodeDaemons(IReadOnlyList<string> command, Action<TxRecord> onTransaction) : IDisposable
{
    private readonly Dictionary<string, Daemon> _daemons = [];

    /// <summary>Longest wait for one node's outcome in one phase (a solver trains inside its commit phase).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    private static readonly string Lasting = $"(attempt {NodeProcessMain.LastingFailure})";

    /// <summary>Starts the daemon of the node at <paramref name="home"/> under <paramref name="name"/>.</summary>
    public void Start(string name, NodeHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var process = NodeProgram.Start(command, home, "run");
        var daemon = new Daemon(process, home);
        daemon.Reader = Task.Run(async () =>
        {
            var log = home.File("daemon.log"); // everything the daemon said, for whoever looks into a run later
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                await File.AppendAllTextAsync(log, line + "\n").ConfigureAwait(false);
                if (NodeProgram.Sort(line, onTransaction) is { } said)
                {
                    lock (daemon.Lines)
                    {
                        daemon.Lines.Add(said);
                    }
                }
            }
        });
        daemon.Errors = process.StandardError.ReadToEndAsync();
        _daemons[name] = daemon;
    }

    /// <summary>
    /// Waits until the node's latest line on <paramref name="taskId"/> satisfies <paramref name="done"/> and returns it.
    /// A daemon found dead is restarted and its death returned as an error line; a timeout is an error line too.
    /// </summary>
    public async Task<string> WaitAsync(string name, ulong taskId, Func<string, bool> done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(done);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"task {taskId}: ");
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (true)
        {
            var daemon = _daemons[name];
            string? latest;
            lock (daemon.Lines)
            {
                latest = daemon.Lines.LastOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            }
            // An error counts once the daemon has failed the same step LastingFailure polls in a row: it retries every
            // poll, so a passing one (a read racing a new block) is followed by its outcome instead.
            var failed = latest is not null && latest.Contains(": error:", StringComparison.Ordinal);
            if (latest is not null && (failed ? latest.EndsWith(Lasting, StringComparison.Ordinal) : done(latest)))
            {
                return latest;
            }
            if (daemon.Process.HasExited)
            {
                await daemon.Reader!.ConfigureAwait(false); // set by Start; the tx lines of its last moments count too
                var errors = (await daemon.Errors!.ConfigureAwait(false)).Trim();
                var said = string.Join(" | ", new[] { latest }.Concat(errors.Length > 0 ? [errors.Split('\n')[0]] : []).Where(s => !string.IsNullOrEmpty(s)));
                var code = daemon.Process.ExitCode;
                daemon.Process.Dispose();
                Start(name, daemon.Home);
                return $"{prefix}error: node daemon exited with code {code}{(said.Length > 0 ? $" ({said})" : "")}; started again";
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                return $"{prefix}error: no outcome from the node daemon within {Timeout.TotalMinutes:F0} min (last: {latest ?? "nothing"})";
            }
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Kills every daemon (their state is in their homes; nothing is lost).</summary>
    public void Dispose()
    {
        foreach (var daemon in _daemons.Values)
        {
            try
            {
                daemon.Process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already exited
            }
            daemon.Process.Dispose();
        }
        _daemons.Clear();
    }

    private sealed class Daemon(Process process, NodeHome home)
    {
        public Process Process { get; } = process;

        public NodeHome Home { get; } = home;

        public List<string> Lines { get; } = [];

        public Task? Reader { get; set; }

        public Task<string>? Errors { get; set; }
    }
}
