using Autonet.Protocol.Aggregation;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Roles;

/// <summary>
/// The aggregator's state machine (ARCHITECTURE.md steps 7 and 8): once a task is finalized, fetch the accepted
/// deltas, combine them with the project's rule weighted by consensus score (<see cref="RobustAggregator"/>),
/// apply the result to the base model, place it with the storage providers and publish its CID and shard Merkle
/// root. A delta it cannot fetch or decode (the codec also refuses non-finite values) is left out with its reason,
/// and the round goes on with the rest. The base model is decoded once.
/// </summary>
public sealed class AggregatorRole(
    IChain chain, IBlobStore blobs, IModelCodec codec, IModelStore models, IStateStore<AggregatorTaskState> store, AggregationOptions options)
{
    /// <summary>Builds and publishes the task's model when it is finalized; returns the record (null before).</summary>
    /// <exception cref="ProtocolException">No usable delta, the base model is missing or unusable, or the rule's precondition fails.</exception>
    public async Task<AggregatorTaskState?> StepAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var key = $"aggregator/{taskId}";
        var state = await store.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        if (state?.Published == true)
        {
            return state;
        }

        var task = await chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false)
            ?? Errors.TaskNotFound("aggregator", chain.Account, taskId);
        if (!task.Finalized || task.PublishedModel is not null || task.Accepted.Count == 0)
        {
            return state; // not settled yet, already published, or nothing improved the model (the base stays the global model)
        }

        if (state is null)
        {
            var baseBytes = await blobs.GetAsync(task.BaseModel, cancellationToken).ConfigureAwait(false)
                ?? Errors.BlobMissing("aggregator", chain.Account, "base model", task.BaseModel, taskId);
            if (!codec.TryDecodeModel(baseBytes, out var baseModel, out var reason))
            {
                Errors.BadBaseModel("aggregator", chain.Account, task.BaseModel, taskId, reason);
            }

            var (updates, rejected) = await CollectAsync(task, baseModel, cancellationToken).ConfigureAwait(false);
            if (updates.Count == 0)
            {
                Errors.NoUsableDelta(chain.Account, taskId, task.Accepted.Count, rejected);
            }

            var result = RobustAggregator.Aggregate(updates, options);
            var placed = await models.PlaceAsync(codec.EncodeModel(baseModel, result.Aggregate), cancellationToken).ConfigureAwait(false);
            state = new AggregatorTaskState(taskId, placed.Model, placed.MerkleRoot, result.Outcomes, rejected, false);
            await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        }

        await chain.PublishModelAsync(taskId, state.Model, state.MerkleRoot, cancellationToken).ConfigureAwait(false);
        state = state with { Published = true };
        await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        return state;
    }

    private async Task<(List<Update> Updates, List<string> Rejected)> CollectAsync(
        TaskView task, IModel baseModel, CancellationToken cancellationToken)
    {
        var updates = new List<Update>();
        var rejected = new List<string>();
        foreach (var accepted in task.Accepted)
        {
            byte[]? bytes;
            try
            {
                bytes = await blobs.GetAsync(accepted.Delta, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One unreachable or corrupted delta must not stop the round (issue 5, "Bad input").
                rejected.Add($"{accepted.Solver}: delta {accepted.Delta} could not be fetched: {e.Message}");
                continue;
            }

            if (bytes is null)
            {
                rejected.Add($"{accepted.Solver}: delta {accepted.Delta} is not available from the blob store");
            }
            else if (!codec.TryDecodeDelta(baseModel, bytes, out var values, out var reason))
            {
                rejected.Add($"{accepted.Solver}: delta {accepted.Delta}: {reason}");
            }
            else
            {
                updates.Add(new Update(accepted.Solver, values, accepted.Score));
            }
        }

        return (updates, rejected);
    }
}
