// Drives one role for one node: each step refreshes the chain clock, runs the role's state machine on a task and
// turns any failure into a failed outcome (the role itself made no transaction it could not justify). The daemon
// loop that calls it as the chain moves on is `autonet node run` (Roles.NodeProcessMain.RunAsync).
using Autonet.Node.Roles;
using Autonet.Protocol.Ports;

namespace Autonet.Node.Hosting;

/// <summary>A role bound to a node: name, role, chain view, clock and its step function.</summary>
public sealed class NodeHost(string name, NodeRole role, IChain chain, ChainClock clock, Func<ulong, CancellationToken, Task<NodeOutcome>> step)
{
    public string Name { get; } = name;

    public NodeRole Role { get; } = role;

    public IChain Chain { get; } = chain;

    /// <summary>Runs one step on <paramref name="taskId"/>; returns its outcome (never throws, except on cancellation).</summary>
    public async Task<NodeOutcome> StepAsync(ulong taskId, CancellationToken cancellationToken)
    {
        try
        {
            await clock.RefreshAsync(cancellationToken).ConfigureAwait(false);
            return await step(taskId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return NodeOutcome.Failed(Role, taskId, e.Message);
        }
    }
}
