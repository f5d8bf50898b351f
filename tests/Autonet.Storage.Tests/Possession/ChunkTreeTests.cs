using Autonet.Core.Hashing;
using Autonet.Storage.Merkle;
using Autonet.Storage.Possession;

namespace Autonet.Storage.Tests.Possession;

public sealed class ChunkTreeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(5000)]
    [InlineData(70_000)]
    public void Proof_EveryChunk_VerifiesAgainstRoot(int size)
    {
        var shard = Bytes(size, seed: size);
        var tree = new ChunkTree(shard);
        var count = ChunkTree.ChunkCount(size);
        Assert.Equal((size + 1023) / 1024, count);
        for (var i = 0; i < count; i++)
        {
            var leaf = ChunkTree.Leaf(i, Sha256.Hash(ChunkTree.Chunk(shard, i)));
            Assert.True(MerkleTree.Verify(tree.Proof(i), tree.Root, leaf));
        }
    }

    [Fact]
    public void Proof_TamperedChunkOrOtherIndex_Fails()
    {
        var shard = Bytes(3000, seed: 1);
        var tree = new ChunkTree(shard);
        var chunk = ChunkTree.Chunk(shard, 1).ToArray();
        chunk[10] ^= 1;
        Assert.False(MerkleTree.Verify(tree.Proof(1), tree.Root, ChunkTree.Leaf(1, Sha256.Hash(chunk))));
        Assert.False(MerkleTree.Verify(tree.Proof(1), tree.Root, ChunkTree.Leaf(2, Sha256.Hash(ChunkTree.Chunk(shard, 1)))));
    }

    [Fact]
    public void Chunk_Last_IsShorter()
    {
        var shard = Bytes(2500, seed: 2);
        Assert.Equal(1024, ChunkTree.Chunk(shard, 0).Length);
        Assert.Equal(452, ChunkTree.Chunk(shard, 2).Length);
        Assert.Equal(shard[2048..], ChunkTree.Chunk(shard, 2).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => ChunkTree.Chunk(shard, 3).Length);
    }

    [Fact]
    public void Leaf_IsDoubleKeccakOfAbiEncoding()
    {
        var hash = Keccak256.Hash("chunk"u8);
        var encoded = new byte[64];
        encoded[30] = 0x01;
        encoded[31] = 0x2c; // 300
        hash.CopyTo(encoded.AsSpan(32));
        Assert.Equal(Keccak256.Hash(Keccak256.Hash(encoded).ToArray()), ChunkTree.Leaf(300, hash));
    }

    [Fact]
    public void Drawn_IsKeccakOfBlockHashAndIdModuloChunks()
    {
        var block = Keccak256.Hash("block"u8);
        var encoded = new byte[64];
        block.CopyTo(encoded);
        encoded[63] = 7;
        var digest = Keccak256.Hash(encoded).ToArray();
        var expected = (int)(new System.Numerics.BigInteger(digest, isUnsigned: true, isBigEndian: true) % 5);
        Assert.Equal(expected, ChunkTree.Drawn(block, 7, 5 * 1024));
    }

    [Fact]
    public void Constructor_EmptyShard_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChunkTree([]));
        Assert.Equal("shard", error.ParamName);
        Assert.Equal("shardSize", Assert.Throws<ArgumentOutOfRangeException>(() => ChunkTree.ChunkCount(0)).ParamName);
    }

    private static byte[] Bytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
