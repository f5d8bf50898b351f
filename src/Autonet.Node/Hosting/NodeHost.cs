// Drives one role for one node: each step refreshes the chain clock, runs the role's state machine on a task and
// turns any failure into a logged outcome (the role itself made no transaction it could not justify). The daemon
// loop that calls it as the chain moves on is `autonet node run` (Roles.NodeProcessMain.RunAsync).
using Autonet.Protocol.Ports;

namespace Autonet.Node.Hosting;

/// <summary>A role bound to a node: name, chain view, clock and its step function.</summary>
public sealed class NodeHost(string name, IChain chain, ChainClock clock, Func<ulong, CancellationToken, Task<string>> step)
{
    public string Name { get; } = name;

    public IChain Chain { get; } = chain;

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
        return $"task {taskId}: {outcome}";
    }
}
