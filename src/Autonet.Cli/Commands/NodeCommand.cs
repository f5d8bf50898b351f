using System.CommandLine;
using Autonet.Cli.Output;
using Autonet.Devnet.Faults;
using Autonet.Node.Roles;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet node step` (one step, what --processes runs) and `autonet node run` (the node as a daemon, what --daemons
/// runs). Standard output is the node's event lines (JSON, with or without --json), standard error its log. The composition root for a node
/// program: an honest home gets the honest node; a devnet home (devnet.json beside config.yaml) gets the devnet's faults.
/// </summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var task = new Option<ulong>("--task") { Description = "The task to step on", Required = true };
        var step = new Command("step", "Do what is due for this node's role on one task, print its outcome as a JSON line, then exit (the node's home holds config.yaml, its key, state and chain.json)") { task };
        step.SetAction(async (result, cancellationToken) =>
        {
            var home = GlobalOptions.ResolveHome(result);
            using var logs = ConsoleLogs.Create(result.GetValue(GlobalOptions.Verbose));
            var outcome = await NodeProcessMain.StepAsync(home, result.GetValue(task), Console.Out, logs.CreateLogger("Autonet.Node"), NodeFaults.Load(home, logs), cancellationToken).ConfigureAwait(false);
            return outcome.Error is null ? 0 : 1;
        });
        var poll = new Option<int>("--poll-ms") { Description = "How often the daemon looks at the project's tasks, in milliseconds", DefaultValueFactory = _ => 200 }.Between(10, 60_000);
        var run = new Command("run", "Run this node as a daemon: step every task of its project as the chain moves on, print each outcome as a JSON line when it changes; until stopped") { poll };
        run.SetAction(async (result, cancellationToken) =>
        {
            var interval = result.GetValue(poll);
            var home = GlobalOptions.ResolveHome(result);
            if (File.Exists(home.File(Node.Config.AutonetConfig.FileName)))
            {
                // A joined home (config.yaml, `node init`): gated on key, chain and stake (seed 001, story 4.1).
                var gate = await NodeInitCommand.GateAsync(result, cancellationToken).ConfigureAwait(false);
                await Console.Error.WriteLineAsync(NodeInitCommand.Describe(gate)).ConfigureAwait(false);
            }
            using var logs = ConsoleLogs.Create(result.GetValue(GlobalOptions.Verbose), Node.Config.AutonetConfig.Load(home).JsonLogs);
            try
            {
                return await NodeProcessMain.RunAsync(home, TimeSpan.FromMilliseconds(interval), Console.Out, logs.CreateLogger("Autonet.Node"), NodeFaults.Load(home, logs), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0; // stopped (Ctrl-C, SIGTERM): everything the node needs is already in its home
            }
        });
        return new Command("node", "Join a network (init, check), run a node's role, or show where it stands") { NodeInitCommand.Init(), NodeInitCommand.Check(), step, run, NodeStatusCommand.Create() };
    }

    /// <summary>How to start this same program again for a node process: the apphost, or dotnet and the dll.</summary>
    public static IReadOnlyList<string> ThisProgram()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell this program's path to start node processes");
        return Path.GetFileNameWithoutExtension(path) == "dotnet" ? [path, typeof(NodeCommand).Assembly.Location] : [path];
    }
}
