// The publish-twice aggregator's chain view: after its (honest) publish it publishes a second model for the same task,
// a CID of other bytes, and lets the contract decide; Project refuses it (ModelAlreadyPublished), and that refusal is
// what the node's step reports.
using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>An aggregator that tries to publish every task's model twice.</summary>
public sealed class RepublishChain(IChain inner) : ForwardingChain(inner)
{
    public override async Task PublishModelAsync(ulong taskId, ContentId model, Hash32 merkleRoot, CancellationToken cancellationToken)
    {
        await Inner.PublishModelAsync(taskId, model, merkleRoot, cancellationToken).ConfigureAwait(false);
        var other = ContentId.Of(global::System.Text.Encoding.UTF8.GetBytes($"a second model for task {taskId}"));
        await Inner.PublishModelAsync(taskId, other, merkleRoot, cancellationToken).ConfigureAwait(false);
    }
}
