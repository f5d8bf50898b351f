using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>
/// A free-riding solver for the scenarios (`copy` fault): it commits to its own delta in time, then, once another
/// solver has revealed, reveals that solver's delta instead of its own. The commitment binds the solver's address
/// and the CID (Roles.Commitment), so the contract must refuse the copy (RevealMismatch) and the copier earns nothing.
/// </summary>
public sealed class CopiedRevealChain(IChain inner) : ForwardingChain(inner)
{
    public override async Task RevealSolutionAsync(ulong taskId, ContentId delta, Hash32 salt, CancellationToken cancellationToken)
    {
        var task = await Inner.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        var copied = task?.Solutions.FirstOrDefault(s => s.Solver != Account && s.Delta is not null)?.Delta
            ?? throw new InvalidOperationException($"copy: no other solver has revealed in task {taskId} yet, nothing to copy");
        await Inner.RevealSolutionAsync(taskId, copied, salt, cancellationToken).ConfigureAwait(false);
    }
}
