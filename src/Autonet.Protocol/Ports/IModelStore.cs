using Autonet.Core.Ids;

namespace Autonet.Protocol.Ports;

/// <summary>Where an aggregator places a new global model (Autonet.Storage: the file and its erasure-coded shards).</summary>
public interface IModelStore
{
    /// <summary>
    /// Stores the model with the providers and returns its CID and the Merkle root over the shards actually placed
    /// (what goes on chain).
    /// </summary>
    Task<PlacedModel> PlaceAsync(byte[] model, CancellationToken cancellationToken);
}

/// <summary>A stored model: the CID of its bytes and the Merkle root of its shards.</summary>
public sealed record PlacedModel(ContentId Model, Hash32 MerkleRoot);
