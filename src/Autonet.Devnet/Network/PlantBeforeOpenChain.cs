// The devnet proposer's chain view when forced errors are on: the proposer posts and at once opens its task, and the
// planter must commit to its plant in between (ForcedErrorRegistry.plant needs the task Proposed, before any solver can
// commit), so the open first lets the planter plant. Every transaction still lands on the real chain.
using Autonet.Devnet.Faults;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Network;

/// <summary>Runs <paramref name="plant"/> for a task just before its commits are opened.</summary>
internal sealed class PlantBeforeOpenChain(IChain inner, Func<ulong, CancellationToken, Task> plant) : ForwardingChain(inner)
{
    public override async Task OpenCommitsAsync(ulong taskId, CancellationToken cancellationToken)
    {
        await plant(taskId, cancellationToken).ConfigureAwait(false);
        await Inner.OpenCommitsAsync(taskId, cancellationToken).ConfigureAwait(false);
    }
}
