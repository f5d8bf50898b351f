// The genesis duty of an aggregator daemon with aggregator.genesis_file: while its project has no model, it reads the
// file (a JEPA checkpoint, checked before anything is placed), places it (across the providers on chain, else its
// gateway; the bytes are the same on every try, so a restart between placing and publishing costs nothing) and
// publishes it as task 0 with its own key, since Project.publishModel takes task 0 only from an approved aggregator
// with an Aggregator stake. Once the project has a model it never looks again. The proposer's schedule waits for a
// model before it posts (ProposerSchedule).
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;
using Autonet.Training.Jepa;

namespace Autonet.Node.Roles;

/// <summary>Publishes a project's genesis model once.</summary>
public sealed class GenesisPublisher(ContractChain chain, IModelStore models, string genesisFile, ulong projectId)
{
    private bool _done;

    /// <summary>Publishes the genesis when the project has no model yet; returns the placed model when it published now.</summary>
    /// <exception cref="FormatException">The genesis file is missing or not a JEPA checkpoint (the message names aggregator.genesis_file).</exception>
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
        var bytes = Read(genesisFile);
        var placed = await models.PlaceAsync(bytes, cancellationToken).ConfigureAwait(false);
        await chain.PublishAsync(projectId, placed.Model, placed.MerkleRoot, 0, cancellationToken).ConfigureAwait(false);
        _done = true;
        return placed;
    }

    /// <summary>The checkpoint's bytes, checked to decode as a JEPA model.</summary>
    /// <exception cref="FormatException">Missing, or not a checkpoint.</exception>
    public static byte[] Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FormatException($"aggregator.genesis_file = {path}: no such file; rule: a JEPA checkpoint (safetensors) to publish as the project's first model");
        }
        var bytes = File.ReadAllBytes(path);
        return ModelBytes.TryDeserialize(bytes, out _, out var reason)
            ? bytes
            : throw new FormatException($"aggregator.genesis_file = {path}: not a JEPA checkpoint ({reason})");
    }
}
