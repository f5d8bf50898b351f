// The parent's side of `network run --processes`: each node step is `autonet --home NODE_HOME node step --task N`,
// a separate OS process that shares nothing with the run but the chain, the blob gateway and its own home folder.
// Its transaction events go to the run report and its outcome event is the step's outcome; a process that dies
// (killed, crashed) is a failed outcome naming its exit code and last words, and the node is simply started again
// at its next step. Its standard error (the node's log) is appended to node.log in its home.
using System.Globalization;
using Autonet.Node;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;
using Microsoft.Extensions.Logging;

namespace Autonet.Devnet.Processes;

/// <summary>Starts node processes and reads back their outcome.</summary>
public sealed partial class NodeProcess(IReadOnlyList<string> command, Action<TxRecord> onTransaction, ILogger logger)
{
    /// <summary>Longest a node step may take before it is killed (a solver trains inside its step).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Runs one step of the <paramref name="role"/> node at <paramref name="home"/> on <paramref name="taskId"/>; returns its outcome.</summary>
    public async Task<NodeOutcome> StepAsync(NodeHome home, NodeRole role, ulong taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(home);
        using var process = NodeProgram.Start(command, home, "step", "--task", taskId.ToString(CultureInfo.InvariantCulture));
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        NodeOutcome? last = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                if (NodeProgram.Read(line, onTransaction) is { } outcome && outcome.TaskId == taskId)
                {
                    last = outcome;
                }
            }
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            Killed(logger, home.Path, role, taskId, Timeout.TotalMinutes);
            return NodeOutcome.Failed(role, taskId, string.Create(CultureInfo.InvariantCulture, $"node process did not finish within {Timeout.TotalMinutes:F0} min and was killed"));
        }
        var errors = await stderr.ConfigureAwait(false);
        await File.AppendAllTextAsync(home.File("node.log"), errors, CancellationToken.None).ConfigureAwait(false);
        if (process.ExitCode is 0 or 1 && last is not null)
        {
            return last;
        }
        var said = NodeProgram.Said(last, errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return NodeOutcome.Failed(role, taskId, string.Create(CultureInfo.InvariantCulture, $"node process exited with code {process.ExitCode}{said}"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "node process of {Home} ({Role}) on task {TaskId} ran past {Minutes} min and was killed")]
    private static partial void Killed(ILogger logger, string home, NodeRole role, ulong taskId, double minutes);
}
