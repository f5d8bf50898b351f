// The parent's side of `network run --processes`: each node step is `autonet --home NODE_HOME node step --task N`,
// a separate OS process that shares nothing with the run but the chain, the blob gateway and its own home folder.
// Its transaction lines go to the run report; a process that dies (killed, crashed) is an outcome line naming its
// exit code and last words, and the node is simply started again at its next step.
using System.Globalization;
using Autonet.Node;
using Autonet.Node.Adapters;

namespace Autonet.Devnet.Processes;

/// <summary>Starts node processes and reads back their outcome.</summary>
public sealed class NodeProcess(IReadOnlyList<string> command, Action<TxRecord> onTransaction)
{
    /// <summary>Longest a node step may take before it is killed (a solver trains inside its step).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Runs one step of the node at <paramref name="home"/> on <paramref name="taskId"/>; returns its outcome line.</summary>
    public async Task<string> StepAsync(NodeHome home, ulong taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(home);
        using var process = NodeProgram.Start(command, home, "step", "--task", taskId.ToString(CultureInfo.InvariantCulture));
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var lines = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                if (NodeProgram.Sort(line, onTransaction) is { } word)
                {
                    lines.Add(word);
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
            return $"task {taskId}: error: node process did not finish within {Timeout.TotalMinutes:F0} min and was killed";
        }
        var errors = (await stderr.ConfigureAwait(false)).Trim();
        var last = lines.LastOrDefault() ?? "";
        if (process.ExitCode is 0 or 1 && last.StartsWith($"task {taskId}: ", StringComparison.Ordinal))
        {
            return last;
        }
        var said = string.Join(" | ", lines.Concat(errors.Length > 0 ? [errors.Split('\n')[0]] : []));
        return $"task {taskId}: error: node process exited with code {process.ExitCode}{(said.Length > 0 ? $" ({said})" : "")}";
    }
}
