// The parent's side of `network run --daemons`: every node is one long-running `autonet --home NODE node run`
// process that watches the chain and acts on its own; the run only waits, per phase, for each node's outcome event
// on the task. A daemon that dies (killed, crashed) is reported with its exit code and last words, and started
// again at once, as a supervisor would: it resumes from its home. Its events go to daemon.log in its home, its
// standard error (the node's log) to node.log.
using System.Diagnostics;
using System.Globalization;
using Autonet.Node;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;
using Microsoft.Extensions.Logging;

namespace Autonet.Devnet.Processes;

/// <summary>Starts, watches and restarts node daemons; waits for their outcomes.</summary>
public sealed partial class NodeDaemons(IReadOnlyList<string> command, Action<TxRecord> onTransaction, ILogger logger) : IDisposable
{
    private readonly Dictionary<string, Daemon> _daemons = [];

    /// <summary>Longest wait for one node's outcome in one phase (a solver trains inside its commit phase).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Starts the daemon of the <paramref name="role"/> node at <paramref name="home"/> under <paramref name="name"/>.</summary>
    public void Start(string name, NodeRole role, NodeHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var process = NodeProgram.Start(command, home, "run");
        var daemon = new Daemon(process, role, home);
        daemon.Reader = Task.Run(async () =>
        {
            var log = home.File("daemon.log"); // every event the daemon sent, for whoever looks into a run later
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                await File.AppendAllTextAsync(log, line + "\n").ConfigureAwait(false);
                if (NodeProgram.Read(line, onTransaction) is { } outcome)
                {
                    lock (daemon.Latest)
                    {
                        daemon.Latest[outcome.TaskId] = outcome;
                    }
                }
            }
        });
        daemon.ErrorReader = Task.Run(async () =>
        {
            var log = home.File("node.log");
            while (await process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                await File.AppendAllTextAsync(log, line + "\n").ConfigureAwait(false);
                lock (daemon.LastErrors)
                {
                    daemon.LastErrors.Enqueue(line.Trim());
                    while (daemon.LastErrors.Count > NodeProgram.LastWords)
                    {
                        daemon.LastErrors.Dequeue();
                    }
                }
            }
        });
        _daemons[name] = daemon;
    }

    /// <summary>
    /// Waits until the node's latest outcome on <paramref name="taskId"/> satisfies <paramref name="done"/> and returns it.
    /// A failure counts once it is lasting (NodeProcessMain.LastingFailure polls in a row). A daemon found dead is
    /// restarted and its death returned as a failed outcome; a timeout is a failed outcome too.
    /// </summary>
    public async Task<NodeOutcome> WaitAsync(string name, ulong taskId, Func<NodeOutcome, bool> done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (true)
        {
            var daemon = _daemons[name];
            NodeOutcome? latest;
            lock (daemon.Latest)
            {
                latest = daemon.Latest.GetValueOrDefault(taskId);
            }
            // The daemon retries a failed step every poll, so a passing failure (a read racing a new block) is
            // followed by its outcome instead; only a lasting one is the node's answer.
            if (latest is not null && (latest.Error is not null ? latest.Attempt >= NodeProcessMain.LastingFailure : done(latest)))
            {
                return latest;
            }
            if (daemon.Process.HasExited)
            {
                await daemon.Reader!.ConfigureAwait(false); // set by Start; the tx events of its last moments count too
                await daemon.ErrorReader!.ConfigureAwait(false);
                string said;
                lock (daemon.LastErrors)
                {
                    said = NodeProgram.Said(latest, daemon.LastErrors);
                }
                var code = daemon.Process.ExitCode;
                daemon.Process.Dispose();
                Restarting(logger, name, daemon.Role, code);
                Start(name, daemon.Role, daemon.Home);
                return NodeOutcome.Failed(daemon.Role, taskId, string.Create(CultureInfo.InvariantCulture, $"node daemon exited with code {code}{said}; started again"));
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                return NodeOutcome.Failed(daemon.Role, taskId,
                    string.Create(CultureInfo.InvariantCulture, $"no outcome from the node daemon within {Timeout.TotalMinutes:F0} min (last: {latest?.ToString() ?? "nothing"})"));
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "node daemon {Node} ({Role}) exited with code {ExitCode}; starting it again")]
    private static partial void Restarting(ILogger logger, string node, NodeRole role, int exitCode);

    private sealed class Daemon(Process process, NodeRole role, NodeHome home)
    {
        public Process Process { get; } = process;

        public NodeRole Role { get; } = role;

        public NodeHome Home { get; } = home;

        /// <summary>The latest outcome the daemon sent for each task.</summary>
        public Dictionary<ulong, NodeOutcome> Latest { get; } = [];

        /// <summary>Its last lines on standard error, for the words of a death.</summary>
        public Queue<string> LastErrors { get; } = [];

        public Task? Reader { get; set; }

        public Task? ErrorReader { get; set; }
    }
}
