// What the run's two ways of starting node programs share: the command line of `autonet --home HOME node ...` and
// the reading of its standard output, where every line is a node event (Autonet.Node's NodeEvent, one JSON object):
// a transaction goes to the run report, an outcome to whoever waits for it. Nothing is read from the human text,
// which the program logs on standard error.
using System.Diagnostics;
using Autonet.Node;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;

namespace Autonet.Devnet.Processes;

/// <summary>Starts `autonet` for a node and reads its event lines.</summary>
internal static class NodeProgram
{
    /// <summary>How many of a node program's last standard-error lines a failure quotes.</summary>
    public const int LastWords = 2;

    /// <summary>Starts <paramref name="command"/> with `--home HOME node ARGS`, output and errors redirected.</summary>
    public static Process Start(IReadOnlyList<string> command, NodeHome home, params string[] nodeArguments) =>
        Start(command, home, ProgramPlacement.Here, ["node", .. nodeArguments]);

    /// <summary>
    /// Starts <paramref name="command"/> with `--home HOME ARGS` where <paramref name="placement"/> says (on this host, or
    /// behind a launcher such as `ip netns exec HOST`, with its environment), output and errors redirected.
    /// </summary>
    public static Process Start(IReadOnlyList<string> command, NodeHome home, ProgramPlacement placement, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(placement);
        var line = placement.Launcher.Concat(command).Concat(["--home", home.Path, .. arguments]).ToList();
        var start = new ProcessStartInfo(line[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in line.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";
        start.Environment["AUTONET_METRICS_LISTEN"] = "127.0.0.1:0"; // many daemons on one host: each serves /metrics on a free port (in its log)
        foreach (var (name, value) in placement.Environment)
        {
            start.Environment[name] = value;
        }
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start node program '{line[0]}'");
    }

    /// <summary>
    /// Passes a transaction line to <paramref name="onTransaction"/> and returns an outcome line's outcome; null for a
    /// transaction or for a line that is no node event (the node log keeps every line).
    /// </summary>
    public static NodeOutcome? Read(string line, Action<TxRecord> onTransaction)
    {
        if (!NodeEvent.TryParse(line, out var nodeEvent, out _))
        {
            return null;
        }
        if (nodeEvent is TxRecord transaction)
        {
            onTransaction(transaction);
        }
        return nodeEvent as NodeOutcome;
    }

    /// <summary>A failure's words: the node's last outcome and its last lines on standard error, " | " between them.</summary>
    public static string Said(NodeOutcome? last, IEnumerable<string> stderr)
    {
        var said = string.Join(" | ", new[] { last?.ToString() }.Concat(stderr.TakeLast(LastWords)).Where(s => !string.IsNullOrWhiteSpace(s)));
        return said.Length > 0 ? $" ({said})" : "";
    }
}
