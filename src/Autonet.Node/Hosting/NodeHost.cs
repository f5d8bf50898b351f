// Drives one role for one node: each step refreshes the chain clock, runs the role's state machine on a task and
// turns any failure into a logged outcome (the role itself made no transaction it could not justify). RunAsync is
// the standalone loop (poll the project's active tasks every interval on the given TimeProvider).
using Autonet.Protocol.Ports;

namespace Autonet.Node.Hosting;

/// <summary>A role bound to a node: name, chain view, clock and its step function.</summary>
public sealed class NodeHost(string name, IChain chain, ChainClock clock, Func<ulong, CancellationToken, Task<string>> step)
{
    public string Name { get; } = name;

    public IChain Chain { get; } = chain;

    /// <summary>Outcomes of every step, newest last ("task 3: committed", "task 3: error: ...").</summary>
    public List<string> Log { get; } = [];

    /// <summary>Runs one step on <paramref name="taskId"/>; returns the outcome line (never throws, except on cancellation).</summary>
    public async Task<string> StepAsync(ulong taskId, CancellationToken cancellationToken)
    {
        string outcome;
        try
        {
            await clock.RefreshAsync(cancellationToken).ConfigureAwait(false);
            outcome = await step(taskId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outcome = $"error: {e.Message}";
        }
        var line = $"task {taskId}: {outcome}";
        Log.Add(line);
        return line;
    }

    /// <summary>Polls the project's active tasks and steps each, every <paramref name="interval"/>, until cancelled.</summary>
    public async Task RunAsync(ulong projectId, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var taskId in await Chain.ListActiveTasksAsync(projectId, cancellationToken).ConfigureAwait(false))
            {
                await StepAsync(taskId, cancellationToken).ConfigureAwait(false);
            }
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
