// The genesis duty of an aggregator daemon with a GenesisPlan: while its project has no model, it builds the seeded
// model, places it (across the providers on chain, else its gateway; the bytes are the same on every try, so a
// restart between placing and publishing costs nothing) and publishes it as task 0 with its own key. Once the project
// has a model it never looks again. The proposer's schedule waits for a model before it posts (ProposerSchedule).
using Autonet.Models.Jepa;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;
using Autonet.Training.Jepa;

namespace Autonet.Node.Roles;

/// <summary>Publishes a project's genesis model once.</summary>
public sealed class GenesisPublisher(ContractChain chain, IModelStore models, GenesisPlan plan, ulong projectId)
{
    private bool _done;

    /// <summary>Publishes the genesis when the project has no model yet; returns the placed model when it published now.</summary>
    public async Task<PlacedModel?> StepAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return null;
        }
        if (await chain.Contracts.Project.ModelOfTaskAsync(projectId, 0, cancellationToken).ConfigureAwait(false) is not null)
        {
            _done = true;
            return null;
        }
        var bytes = ModelBytes.Serialize(new JepaModel(plan.Model, plan.Seed));
        var placed = await models.PlaceAsync(bytes, cancellationToken).ConfigureAwait(false);
        await chain.PublishAsync(projectId, placed.Model, placed.MerkleRoot, 0, cancellationToken).ConfigureAwait(false);
        _done = true;
        return placed;
    }
}
