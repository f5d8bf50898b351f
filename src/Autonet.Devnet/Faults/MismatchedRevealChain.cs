using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>
/// A cheating solver for the scenarios (`reveal-mismatch` fault): reveals the CID of other bytes than it committed
/// to. The contract must refuse the reveal (RevealMismatch), so the solver earns nothing.
/// </summary>
public sealed class MismatchedRevealChain(IChain inner) : ForwardingChain(inner)
{
    public override Task RevealSolutionAsync(ulong taskId, ContentId delta, Hash32 salt, CancellationToken cancellationToken) =>
        Inner.RevealSolutionAsync(taskId, ContentId.Of(delta.Digest.ToArray()), salt, cancellationToken);
}
