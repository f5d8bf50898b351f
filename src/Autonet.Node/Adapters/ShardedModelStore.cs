// The Protocol's model store over Autonet.Storage: a new global model is stored whole (its CID is what nodes fetch
// and what goes on chain) and as k data + m Reed-Solomon parity shards spread over the providers, plus the shard
// manifest; the Merkle root published on chain is the root of the shards actually placed (contracts/README.md,
// "Merkle convention").
using Autonet.Protocol.Ports;
using Autonet.Storage.Sharding;

namespace Autonet.Node.Adapters;

/// <summary>Places models with storage providers.</summary>
public sealed class ShardedModelStore(Protocol.Ports.IBlobStore blobs, IReadOnlyList<ShardProvider> providers) : IModelStore
{
    /// <summary>Data shards per model.</summary>
    public const int DataShards = 4;

    /// <summary>Parity shards per model: any <see cref="DataShards"/> of the shards rebuild it.</summary>
    public const int ParityShards = 2;

    public async Task<PlacedModel> PlaceAsync(byte[] model, CancellationToken cancellationToken)
    {
        var id = await blobs.PutAsync(model, cancellationToken).ConfigureAwait(false);
        var placed = await ModelPublisher.PublishAsync(model, DataShards, ParityShards, providers, cancellationToken).ConfigureAwait(false);
        return new PlacedModel(id, placed.Manifest.MerkleRoot);
    }
}
