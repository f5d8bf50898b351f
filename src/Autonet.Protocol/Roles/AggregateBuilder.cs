using Autonet.Protocol.Aggregation;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Roles;

/// <summary>
/// Rebuilds a finalized task's aggregate from what the chain says (ARCHITECTURE.md step 7): fetch the base model and
/// the accepted deltas, combine them with the rule weighted by consensus score (<see cref="RobustAggregator"/>, which
/// is deterministic: same rule, same deltas, same order, same bytes) and encode base + aggregate. The aggregator
/// publishes what it builds; a challenger builds the same thing to check what was published. A delta it cannot fetch
/// or decode (the codec also refuses non-finite values) is left out with its reason. It places nothing.
/// </summary>
public sealed class AggregateBuilder(IBlobStore blobs, IModelCodec codec, AggregationOptions options)
{
    // The aggregate of the previous task, reused as the next one's destination when the model size is the same: the
    // bytes are encoded before BuildAsync returns, so nothing else holds it, and it saves allocating (and page-faulting)
    // a model-sized array per task. Not thread-safe: one builder per role, whose steps run one at a time.
    private float[]? _aggregate;

    /// <summary>The model bytes of the task's aggregate, what the rule did with each update, and the deltas left out.</summary>
    /// <exception cref="ProtocolException">No usable delta, the base model is missing or unusable, or the rule's precondition fails.</exception>
    public async Task<BuiltAggregate> BuildAsync(string role, Autonet.Core.Ids.Address account, TaskView task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var baseBytes = await blobs.GetAsync(task.BaseModel, cancellationToken).ConfigureAwait(false)
            ?? Errors.BlobMissing(role, account, "base model", task.BaseModel, task.TaskId);
        if (!codec.TryDecodeModel(baseBytes, out var baseModel, out var reason))
        {
            Errors.BadBaseModel(role, account, task.BaseModel, task.TaskId, reason);
        }

        var (updates, rejected) = await CollectAsync(task, baseModel, cancellationToken).ConfigureAwait(false);
        if (updates.Count == 0)
        {
            Errors.NoUsableDelta(account, task.TaskId, task.Accepted.Count, rejected);
        }

        var reuse = _aggregate is { } previous && previous.Length == updates[0].Delta.Length ? previous : null;
        var result = RobustAggregator.Aggregate(updates, options, reuse);
        _aggregate = result.Aggregate;
        return new BuiltAggregate(codec.EncodeModel(baseModel, result.Aggregate), result.Outcomes, rejected);
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

/// <summary>A rebuilt aggregate: the model's bytes, what aggregation did with each update, and the deltas it could not use.</summary>
public sealed record BuiltAggregate(byte[] Model, IReadOnlyList<UpdateOutcome> Outcomes, IReadOnlyList<string> Rejected);
