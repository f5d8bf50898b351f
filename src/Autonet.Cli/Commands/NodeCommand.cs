using System.CommandLine;
using Autonet.Node.Roles;

namespace Autonet.Cli.Commands;

/// <summary>`autonet node step`: one step of the node whose home is --home, in this process (what --processes runs).</summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var task = new Option<ulong>("--task") { Description = "The task to step on", Required = true };
        var step = new Command("step", "Do what is due for this node's role on one task, then exit (the node's home holds node.json, its key, state and chain.json)") { task };
        step.SetAction(async (result, cancellationToken) =>
        {
            var line = await NodeProcessMain.StepAsync(GlobalOptions.ResolveHome(result), result.GetValue(task), Console.Out, cancellationToken).ConfigureAwait(false);
            Console.WriteLine(line);
            return line.Contains(": error:", StringComparison.Ordinal) ? 1 : 0;
        });
        return new Command("node", "Run a network node's role") { step };
    }

    /// <summary>How to start this same program again for a node process: the apphost, or dotnet and the dll.</summary>
    public static IReadOnlyList<string> ThisProgram()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell this program's path to start node processes");
        return Path.GetFileNameWithoutExtension(path) == "dotnet" ? [path, typeof(NodeCommand).Assembly.Location] : [path];
    }
}
