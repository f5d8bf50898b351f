using Autonet.Protocol.Aggregation;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Roles;

/// <summary>
/// The aggregator's state machine (ARCHITECTURE.md steps 7 and 8): once a task is finalized, build its aggregate
/// (<see cref="AggregateBuilder"/>: the accepted deltas combined with the project's rule weighted by consensus score and
/// applied to the base model; a delta it cannot use is left out with its reason), place it with the storage providers
/// and publish its CID and shard Merkle root, with the aggregator's bond (the chain's side). A challenger rebuilds the
/// same bytes to check it (<see cref="ChallengerRole"/>).
/// </summary>
public sealed class AggregatorRole(
    IChain chain, IBlobStore blobs, IModelCodec codec, IModelStore models, IStateStore<AggregatorTaskState> store, AggregationOptions options)
{
    private readonly AggregateBuilder _builder = new(blobs, codec, options);

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
            var built = await _builder.BuildAsync("aggregator", chain.Account, task, cancellationToken).ConfigureAwait(false);
            var placed = await models.PlaceAsync(built.Model, cancellationToken).ConfigureAwait(false);
            state = new AggregatorTaskState(taskId, placed.Model, placed.MerkleRoot, built.Outcomes, built.Rejected, false);
            await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        }

        await chain.PublishModelAsync(taskId, state.Model, state.MerkleRoot, cancellationToken).ConfigureAwait(false);
        state = state with { Published = true };
        await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        return state;
    }
}
