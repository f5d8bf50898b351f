using Autonet.Protocol.Aggregation;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Roles;

/// <summary>
/// The aggregator's state machine (ARCHITECTURE.md steps 7 and 8): once a task is finalized, fetch the accepted
/// deltas, combine them with the project's rule weighted by consensus score (<see cref="RobustAggregator"/>),
/// apply the result to the base model, store it and publish its CID. A delta it cannot fetch, decode, or that is
/// non-finite or of another length is left out with its reason, and the round goes on with the rest.
/// </summary>
public sealed class AggregatorRole(
    IChain chain, IBlobStore blobs, ITrainer trainer, IStateStore<AggregatorTaskState> store, AggregationOptions options)
{
    /// <summary>Builds and publishes the task's model when it is finalized; returns the record (null before).</summary>
    /// <exception cref="ProtocolException">No usable delta, the base model is missing, or the rule's precondition fails.</exception>
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
        if (!task.Finalized || task.PublishedModel is not null)
        {
            return state;
        }

        if (state is null)
        {
            var baseModel = await blobs.GetAsync(task.BaseModel, cancellationToken).ConfigureAwait(false)
                ?? Errors.BlobMissing("aggregator", chain.Account, "base model", task.BaseModel, taskId);
            var (updates, rejected) = await CollectAsync(task, baseModel, cancellationToken).ConfigureAwait(false);
            if (updates.Count == 0)
            {
                Errors.NoUsableDelta(chain.Account, taskId, task.Accepted.Count, rejected);
            }

            var result = RobustAggregator.Aggregate(updates, options);
            var model = await blobs.PutAsync(trainer.ApplyDelta(baseModel, result.Aggregate), cancellationToken).ConfigureAwait(false);
            state = new AggregatorTaskState(taskId, model, result.Outcomes, rejected, false);
            await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        }

        await chain.PublishModelAsync(taskId, state.Model, cancellationToken).ConfigureAwait(false);
        state = state with { Published = true };
        await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        return state;
    }

    private async Task<(List<Update> Updates, List<string> Rejected)> CollectAsync(
        TaskView task, byte[] baseModel, CancellationToken cancellationToken)
    {
        var updates = new List<Update>();
        var rejected = new List<string>();
        foreach (var accepted in task.Accepted)
        {
            float[] values;
            try
            {
                var bytes = await blobs.GetAsync(accepted.Delta, cancellationToken).ConfigureAwait(false);
                if (bytes is null)
                {
                    rejected.Add($"{accepted.Solver}: delta {accepted.Delta} is not available from the blob store");
                    continue;
                }

                values = trainer.DecodeDelta(baseModel, bytes);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One bad or unreachable delta must not stop the round (issue 5, "Bad input").
                rejected.Add($"{accepted.Solver}: delta {accepted.Delta} could not be used: {e.Message}");
                continue;
            }

            var bad = Array.FindIndex(values, v => !float.IsFinite(v));
            if (bad >= 0)
            {
                rejected.Add($"{accepted.Solver}: delta {accepted.Delta} has a non-finite value at index {bad}");
            }
            else if (updates.Count > 0 && values.Length != updates[0].Delta.Length)
            {
                rejected.Add($"{accepted.Solver}: delta {accepted.Delta} has {values.Length} values, expected {updates[0].Delta.Length}");
            }
            else
            {
                updates.Add(new Update(accepted.Solver, values, accepted.Score));
            }
        }

        return (updates, rejected);
    }
}
