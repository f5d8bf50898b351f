using Autonet.Core.Ids;
using Autonet.Devnet.Faults;
using Autonet.Models.Jepa;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;
using Autonet.Training.Jepa;

namespace Autonet.Devnet.Network;

/// <summary>
/// The digest of the delta a planted account will reveal in a task, computed by the planter before commits open: the
/// task's base model decoded, the planted node's own trainer (its local data and seed, as NodeRoles.Create and
/// NodeFaults build it) wrapped in ForcedErrorTrainer, and the delta encoded as the node encodes it. Shared by the
/// lockstep planter (ForcedErrorPlanter) and the daemon's (DaemonPlanter).
/// </summary>
internal static class PlantDigest
{
    /// <exception cref="InvalidOperationException">The base model is not in the blob store or does not decode.</exception>
    public static async Task<Hash32> OfAsync(TaskView task, IBlobStore blobs, Func<JepaConfig, BatchSource>? localData, ulong seed, CancellationToken cancellationToken)
    {
        var baseBytes = await blobs.GetAsync(task.BaseModel, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"task {task.TaskId}: base model {task.BaseModel} is not in the blob store");
        var codec = new JepaCodec();
        if (!codec.TryDecodeModel(baseBytes, out var baseModel, out var reason))
        {
            throw new InvalidOperationException($"task {task.TaskId}: base model {task.BaseModel} does not decode: {reason}");
        }
        var delta = await new ForcedErrorTrainer(new JepaDeltaTrainer(localData, seed)).TrainAsync(baseModel, task, cancellationToken).ConfigureAwait(false);
        return ContentId.Of(codec.EncodeDelta(baseModel, delta)).Digest; // the bytes the planted node will reveal
    }
}
