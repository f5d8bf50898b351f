// The Merkle root a model is published under (contracts/README.md, "Merkle convention"): the model's bytes split
// into k equal data shards (zero-padded), k+m Reed-Solomon shards, leaf(i) = ShardLeaf.Hash(i, sha256(shard i)),
// and OpenZeppelin's sorted-pair tree over the leaves. Anyone with the bytes recomputes the same root.
using Autonet.Core.Hashing;
using Autonet.Core.Ids;
using Autonet.Storage.Erasure;
using Autonet.Storage.Merkle;

namespace Autonet.Node.Adapters;

/// <summary>Shards a model and computes its Merkle root.</summary>
public static class ModelShards
{
    public const int DataShards = 4;
    public const int ParityShards = 2;

    public static byte[][] Encode(ReadOnlySpan<byte> model)
    {
        var size = Math.Max(1, (model.Length + DataShards - 1) / DataShards);
        var shards = new byte[DataShards + ParityShards][];
        for (var i = 0; i < shards.Length; i++)
        {
            shards[i] = new byte[size];
            if (i < DataShards)
            {
                var start = Math.Min(model.Length, i * size);
                model[start..Math.Min(model.Length, start + size)].CopyTo(shards[i]);
            }
        }
        new ReedSolomon(DataShards, ParityShards).Encode(shards);
        return shards;
    }

    public static Hash32 MerkleRoot(ReadOnlySpan<byte> model)
    {
        var shards = Encode(model);
        var leaves = shards.Select((s, i) => ShardLeaf.Hash(i, Sha256.Hash(s))).ToArray();
        return new MerkleTree(leaves).Root;
    }
}
