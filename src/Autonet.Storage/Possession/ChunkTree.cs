using System.Buffers.Binary;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;
using Autonet.Storage.Merkle;

namespace Autonet.Storage.Possession;

/// <summary>
/// The possession tree of one shard, as ModelShardRegistry checks it: the shard cut into <see cref="ChunkBytes"/>-byte
/// chunks (the last may be shorter), leaf i = keccak256(bytes.concat(keccak256(abi.encode(uint256 i, bytes32
/// sha256(chunk_i))))), pairs sorted as in <see cref="MerkleTree"/>, so OpenZeppelin <c>MerkleProof</c> verifies a chunk.
/// SHA-256 for the chunk bytes (the EVM's precompile on chain) because it runs at hardware speed here, where Core's
/// naive Keccak hashed a 6.8 MB model's chunks in 1.8 s (bench/Autonet.Storage.Bench distributed).
/// It is not the shard's identity (that is its SHA-256, <see cref="ShardLeaf"/>); the registrant publishes its root.
/// </summary>
public sealed class ChunkTree
{
    /// <summary>Bytes per chunk: ModelShardRegistry.CHUNK_BYTES.</summary>
    public const int ChunkBytes = 1024;

    private readonly MerkleTree _tree;

    /// <summary>Builds the tree of <paramref name="shard"/>.</summary>
    /// <exception cref="ArgumentException">The shard is empty.</exception>
    public ChunkTree(ReadOnlySpan<byte> shard)
    {
        if (shard.IsEmpty)
        {
            Errors.Argument(nameof(shard), "a chunk tree needs a shard of at least one byte");
        }

        var leaves = new Hash32[ChunkCount(shard.Length)];
        for (var i = 0; i < leaves.Length; i++)
        {
            leaves[i] = Leaf(i, Sha256.Hash(Chunk(shard, i)));
        }

        _tree = new MerkleTree(leaves);
    }

    /// <summary>The root the registrant places on chain for this shard.</summary>
    public Hash32 Root => _tree.Root;

    /// <summary>The proof of chunk <paramref name="index"/>.</summary>
    public Hash32[] Proof(int index) => _tree.Proof(index);

    /// <summary>Chunks in a shard of <paramref name="shardSize"/> bytes: ceil(size / <see cref="ChunkBytes"/>).</summary>
    public static int ChunkCount(long shardSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardSize);
        return (int)((shardSize + ChunkBytes - 1) / ChunkBytes);
    }

    /// <summary>Chunk <paramref name="index"/> of <paramref name="shard"/>.</summary>
    public static ReadOnlySpan<byte> Chunk(ReadOnlySpan<byte> shard, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ChunkCount(shard.Length));
        var start = index * ChunkBytes;
        return shard.Slice(start, Math.Min(ChunkBytes, shard.Length - start));
    }

    /// <summary>The leaf of chunk <paramref name="index"/> whose SHA-256 is <paramref name="chunkSha256"/> (ModelShardRegistry.chunkLeaf).</summary>
    public static Hash32 Leaf(long index, Hash32 chunkSha256)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Span<byte> encoded = stackalloc byte[64]; // abi.encode(uint256, bytes32)
        encoded.Clear();
        BinaryPrimitives.WriteInt64BigEndian(encoded[24..32], index);
        chunkSha256.CopyTo(encoded[32..]);
        Span<byte> inner = stackalloc byte[Hash32.Length];
        Keccak256.Hash(encoded).CopyTo(inner);
        return Keccak256.Hash(inner);
    }

    /// <summary>
    /// The chunk a challenge asks for (ModelShardRegistry.challengedChunk): keccak256(abi.encode(bytes32 blockHash,
    /// uint256 challengeId)) mod the chunk count, where <paramref name="blockHash"/> is the hash of the challenge's block.
    /// </summary>
    public static int Drawn(Hash32 blockHash, ulong challengeId, long shardSize)
    {
        Span<byte> encoded = stackalloc byte[64];
        encoded.Clear();
        blockHash.CopyTo(encoded);
        BinaryPrimitives.WriteUInt64BigEndian(encoded[56..], challengeId);
        var digest = Keccak256.Hash(encoded);
        var value = new System.Numerics.BigInteger(digest.ToArray(), isUnsigned: true, isBigEndian: true);
        return (int)(value % ChunkCount(shardSize));
    }
}
