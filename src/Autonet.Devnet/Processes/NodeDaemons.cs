// The launcher's side of `network run --daemons`: every node is one long-running `autonet --home NODE node run`
// process that does all its duties by itself; this class only starts them and supervises them, as systemd would: a
// daemon that dies (killed, crashed) is recorded with its exit code, its last words and the task it last spoke of,
// and started again at once; it resumes from its home. Its events go to daemon.log in its home, its standard error
// (the node's log) to node.log; the transactions it reports go to the run's list, its outcomes are kept per task
// for the report. Nothing here sends a transaction or holds a key.
using System.Diagnostics;
using System.Globalization;
using Autonet.Node;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;
using Microsoft.Extensions.Logging;

namespace Autonet.Devnet.Processes;

/// <summary>Starts, supervises and restarts node daemons; keeps what they said.</summary>
public sealed partial class NodeDaemons(IReadOnlyList<string> command, Action<TxRecord> onTransaction, ILogger logger) : IDisposable
{
    private readonly Dictionary<string, Daemon> _daemons = [];
    private readonly List<DaemonDeath> _deaths = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _supervisor;

    /// <summary>How often the supervisor looks for dead daemons.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Where each node's daemon runs, by node name (a host of its own with --hosts); this host by default.</summary>
    public Func<string, ProgramPlacement> Placement { get; init; } = _ => ProgramPlacement.Here;

    /// <summary>Starts the daemon of the <paramref name="role"/> node at <paramref name="home"/> under <paramref name="name"/> (and the supervisor with the first).</summary>
    public void Start(string name, NodeRole role, NodeHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var process = NodeProgram.Start(command, home, Placement(name), ["node", "run"]);
        var daemon = new Daemon(process, role, home);
        daemon.Reader = Task.Run(async () =>
        {
            var log = home.File("daemon.log"); // every event the daemon sent, for whoever looks into a run later
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                await File.AppendAllTextAsync(log, line + "\n").ConfigureAwait(false);
                if (NodeEvent.TryParse(line, out var nodeEvent, out _) && nodeEvent is NodeReady)
                {
                    daemon.Ready.TrySetResult();
                }
                else if (NodeProgram.Read(line, t => { daemon.Spoke(t.TaskId); onTransaction(t); }) is { } outcome)
                {
                    daemon.Spoke(outcome.TaskId);
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
        lock (_daemons)
        {
            _daemons[name] = daemon;
        }
        _supervisor ??= Task.Run(() => SuperviseAsync(_stop.Token));
    }

    /// <summary>Waits until every daemon started so far has said it is ready (its first poll is next).</summary>
    /// <exception cref="TimeoutException">Some daemon was not ready within <paramref name="timeout"/> (the message names them).</exception>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        List<(string Name, Daemon Daemon)> started;
        lock (_daemons)
        {
            started = [.. _daemons.Select(d => (d.Key, d.Value))];
        }
        try
        {
            await Task.WhenAll(started.Select(d => d.Daemon.Ready.Task)).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var late = string.Join(", ", started.Where(d => !d.Daemon.Ready.Task.IsCompleted).Select(d => d.Name));
            throw new TimeoutException($"node daemons {late} were not ready within {timeout.TotalSeconds:F0} s (see node.log in their homes)");
        }
    }

    /// <summary>Every death so far, in order.</summary>
    public IReadOnlyList<DaemonDeath> Deaths()
    {
        lock (_deaths)
        {
            return [.. _deaths];
        }
    }

    /// <summary>Each daemon's latest outcome on <paramref name="taskId"/> (daemons that said nothing on it are left out).</summary>
    public IReadOnlyList<(string Node, NodeOutcome Outcome)> Outcomes(ulong taskId)
    {
        lock (_daemons)
        {
            var outcomes = new List<(string, NodeOutcome)>();
            foreach (var (name, daemon) in _daemons)
            {
                lock (daemon.Latest)
                {
                    if (daemon.Latest.TryGetValue(taskId, out var outcome))
                    {
                        outcomes.Add((name, outcome));
                    }
                }
            }
            return outcomes;
        }
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            List<(string Name, Daemon Daemon)> dead;
            lock (_daemons)
            {
                dead = [.. _daemons.Where(d => d.Value.Process.HasExited).Select(d => (d.Key, d.Value))];
            }
            foreach (var (name, daemon) in dead)
            {
                await daemon.Reader!.ConfigureAwait(false); // set by Start; the events of its last moments count too
                await daemon.ErrorReader!.ConfigureAwait(false);
                var task = daemon.LastTask;
                NodeOutcome? latest;
                lock (daemon.Latest)
                {
                    latest = daemon.Latest.GetValueOrDefault(task);
                }
                string said;
                lock (daemon.LastErrors)
                {
                    said = NodeProgram.Said(latest, daemon.LastErrors);
                }
                var code = daemon.Process.ExitCode;
                daemon.Process.Dispose();
                lock (_deaths)
                {
                    _deaths.Add(new DaemonDeath(name, daemon.Role, code, task, string.Create(CultureInfo.InvariantCulture, $"node daemon exited with code {code}{said}; started again")));
                }
                Restarting(logger, name, daemon.Role, code);
                Start(name, daemon.Role, daemon.Home);
                lock (_daemons[name].Latest)
                {
                    foreach (var (id, outcome) in daemon.Latest)
                    {
                        _daemons[name].Latest.TryAdd(id, outcome); // what it said before it died still stands
                    }
                }
            }
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops supervising and kills every daemon (their state is in their homes; nothing is lost).</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _supervisor?.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
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
        _stop.Dispose();
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

        /// <summary>Set once the daemon printed its ready event.</summary>
        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Its last lines on standard error, for the words of a death.</summary>
        public Queue<string> LastErrors { get; } = [];

        private long _lastTask;

        /// <summary>The task its latest event (outcome or transaction) was about.</summary>
        public ulong LastTask => (ulong)Interlocked.Read(ref _lastTask);

        public void Spoke(ulong taskId) => Interlocked.Exchange(ref _lastTask, (long)taskId);

        public Task? Reader { get; set; }

        public Task? ErrorReader { get; set; }
    }
}
