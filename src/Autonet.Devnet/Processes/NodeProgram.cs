// What the run's two ways of starting node programs share: the command line of `autonet --home HOME node ...` and
// the reading of its output, where "tx {json}" lines are the node's transactions (for the run report) and every
// other non-empty line is the node's own word.
using System.Diagnostics;
using System.Text.Json;
using Autonet.Node;
using Autonet.Node.Adapters;
using Autonet.Node.Roles;
using Autonet.Node.State;

namespace Autonet.Devnet.Processes;

/// <summary>Starts `autonet` for a node and sorts its output lines.</summary>
internal static class NodeProgram
{
    /// <summary>Starts <paramref name="command"/> with `--home HOME node ARGS`, output and errors redirected.</summary>
    public static Process Start(IReadOnlyList<string> command, NodeHome home, params string[] nodeArguments)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1).Concat(["--home", home.Path, "node", .. nodeArguments]))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start node program '{command[0]}'");
    }

    /// <summary>Passes a transaction line to <paramref name="onTransaction"/>; returns the line when it is the node's word, else null.</summary>
    public static string? Sort(string line, Action<TxRecord> onTransaction)
    {
        if (line.StartsWith(NodeProcessMain.TxPrefix, StringComparison.Ordinal))
        {
            onTransaction(JsonSerializer.Deserialize<TxRecord>(line[NodeProcessMain.TxPrefix.Length..], IdJsonConverters.Options)!); // written by NodeProcessMain
            return null;
        }
        return line.Length > 0 ? line : null;
    }
}
