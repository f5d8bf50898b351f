// The Merkle root a model is published under (contracts/README.md, "Merkle convention"): Autonet.Storage's
// ModelSharder splits the model's bytes into k data + m Reed-Solomon parity shards and roots the OpenZeppelin
// sorted-pair tree over leaf(i) = ShardLeaf.Hash(i, sha256(shard i)). Anyone with the bytes recomputes the same root.
using Autonet.Core.Ids;
using Autonet.Storage.Sharding;

namespace Autonet.Node.Adapters;

/// <summary>The network's sharding parameters and a model's Merkle root under them.</summary>
public static class ModelShards
{
    public const int DataShards = 4;
    public const int ParityShards = 2;

    public static Hash32 MerkleRoot(ReadOnlySpan<byte> model) => ModelSharder.Split(model, DataShards, ParityShards).Manifest.MerkleRoot;
}
