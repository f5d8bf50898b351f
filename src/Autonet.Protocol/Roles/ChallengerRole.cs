using Autonet.Protocol.Aggregation;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Roles;

/// <summary>
/// The watcher of published models (ARCHITECTURE.md step 8): once a task's model is published, rebuild the aggregate
/// from the chain's accepted deltas (<see cref="AggregateBuilder"/>, the aggregator's own code: deterministic, so an
/// honest aggregate has the same CID), and when the published CID differs, place the rebuilt model and challenge with
/// it while the window is open. A node with a Coordinator stake also votes on every other challenge: upheld exactly when
/// the challenger names the CID it rebuilt. Once every deadline passed, any node settles the window (the contract
/// resolves the challenges and marks the model final). It never challenges or votes on its own publish.
/// </summary>
public sealed class ChallengerRole(
    IChain chain, IModelChallengeChain challenges, IBlobStore blobs, IModelCodec codec, IModelStore models,
    IStateStore<ChallengerTaskState> store, TimeProvider clock, AggregationOptions options, bool votes)
{
    private readonly AggregateBuilder _builder = new(blobs, codec, options);

    /// <summary>Does what is due on <paramref name="taskId"/>'s published model; returns the record (null while nothing is published).</summary>
    /// <exception cref="ProtocolException">The aggregate cannot be rebuilt (base model or every delta unusable).</exception>
    public async Task<ChallengerTaskState?> StepAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var key = $"challenger/{taskId}";
        var state = await store.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        if (state?.Settled == true)
        {
            return state;
        }
        var publication = await challenges.ReadPublicationAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (publication is null)
        {
            return state;
        }
        var now = clock.GetUtcNow();
        if (publication.Settled || now > publication.SettleAfter)
        {
            if (!publication.Settled)
            {
                try
                {
                    await challenges.SettleAsync(taskId, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // settled by another node first, or not due by the chain's clock yet: the next step reads it again
                    return state;
                }
            }
            return await SaveAsync(key, (state ?? new ChallengerTaskState(taskId, default, false, 0, false)) with { Settled = true }, cancellationToken).ConfigureAwait(false);
        }

        var mine = publication.Aggregator == challenges.Account;
        BuiltAggregate? built = null;
        if (state is null)
        {
            var task = await ReadFinalizedAsync(taskId, cancellationToken).ConfigureAwait(false);
            built = await _builder.BuildAsync("challenger", challenges.Account, task, cancellationToken).ConfigureAwait(false);
            state = await SaveAsync(key, new ChallengerTaskState(taskId, Autonet.Core.Ids.ContentId.Of(built.Model), false, 0, false), cancellationToken).ConfigureAwait(false);
        }

        var rebuilt = state.Rebuilt.ToString();
        var challenged = state.Challenged || publication.Challenges.Any(c => c.Challenger == challenges.Account);
        if (rebuilt != publication.Model && !mine && !challenged && now <= publication.ClosesAt)
        {
            built ??= await _builder.BuildAsync("challenger", challenges.Account, await ReadFinalizedAsync(taskId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            var placed = await models.PlaceAsync(built.Model, cancellationToken).ConfigureAwait(false);
            await challenges.ChallengeAsync(taskId, placed.Model, placed.MerkleRoot, cancellationToken).ConfigureAwait(false);
            state = await SaveAsync(key, state with { Challenged = true }, cancellationToken).ConfigureAwait(false);
        }

        if (votes && !mine)
        {
            foreach (var c in publication.Challenges.Where(c => !c.VotedByMe && c.Challenger != challenges.Account && now <= c.VoteDeadline))
            {
                await challenges.VoteAsync(taskId, c.Index, c.Model == rebuilt, cancellationToken).ConfigureAwait(false);
                state = await SaveAsync(key, state with { Votes = state.Votes + 1 }, cancellationToken).ConfigureAwait(false);
            }
        }
        return state;
    }

    private async Task<TaskView> ReadFinalizedAsync(ulong taskId, CancellationToken cancellationToken) =>
        await chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false) is { Finalized: true } task
            ? task
            : Errors.NothingToRebuild(challenges.Account, taskId);

    private async Task<ChallengerTaskState> SaveAsync(string key, ChallengerTaskState state, CancellationToken cancellationToken)
    {
        await store.SaveAsync(key, state, cancellationToken).ConfigureAwait(false);
        return state;
    }
}
