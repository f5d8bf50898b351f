// The aggregator's last step of a round, after publishing the model (issue 16): build the round's model card from the task
// (parent model, accepted solvers and consensus scores), the aggregate's outcomes (who the robust rule kept) and the
// published model's own config, and store README.md and config.json as content-addressed blobs beside the weights.
using Autonet.Core.Ids;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;
using Autonet.Training.Jepa;

namespace Autonet.Node.Cards;

/// <summary>Builds and stores a published round's model card.</summary>
public static class ModelCardPublisher
{
    /// <summary>Stores the card of <paramref name="state"/>'s model; returns it and the CIDs of README.md and config.json.</summary>
    /// <exception cref="InvalidDataException">The published model is not in the blob store or does not decode.</exception>
    public static async Task<(ModelCard Card, ContentId Readme, ContentId Config)> PublishAsync(
        IBlobStore blobs, TaskView task, AggregatorTaskState state, string rule, ulong? round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(state);
        var bytes = await blobs.GetAsync(state.Model, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"model card of task {task.TaskId}: the published model {state.Model} is not in the blob store");
        if (!ModelBytes.TryDeserialize(bytes, out var model, out var reason))
        {
            throw new InvalidDataException($"model card of task {task.TaskId}: model {state.Model} does not decode: {reason}");
        }
        var outcomes = state.Outcomes.ToDictionary(o => o.Solver);
        var contributors = task.Accepted.Select(a => outcomes.TryGetValue(a.Solver, out var o)
            ? new CardContributor(a.Solver, a.Score, o.Included, o.Reason)
            : new CardContributor(a.Solver, a.Score, false, state.Rejected.FirstOrDefault(r => r.StartsWith(a.Solver.ToString(), StringComparison.OrdinalIgnoreCase)) ?? "not aggregated")).ToList();
        var card = new ModelCard(task.ProjectId, round, task.TaskId, state.Model, state.MerkleRoot, task.BaseModel, model.Config, rule, contributors);
        var readme = await blobs.PutAsync(System.Text.Encoding.UTF8.GetBytes(card.Readme()), cancellationToken).ConfigureAwait(false);
        var config = await blobs.PutAsync(System.Text.Encoding.UTF8.GetBytes(card.ConfigJson()), cancellationToken).ConfigureAwait(false);
        return (card, readme, config);
    }
}
