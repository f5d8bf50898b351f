using Autonet.Core.Hashing;
using Autonet.Core.Ids;
using Autonet.Storage.Merkle;

namespace Autonet.Storage.Tests.Merkle;

public class MerkleTreeTests
{
    [Fact]
    public void Proof_RandomTrees_EveryLeafVerifies()
    {
        var random = new Random(11);
        foreach (var count in new[] { 1, 2, 3, 4, 5, 7, 8, 9, 31, 300 })
        {
            var leaves = Enumerable.Range(0, count).Select(i => ShardLeaf.Hash(i, RandomHash(random))).ToArray();
            var tree = new MerkleTree(leaves);
            for (var i = 0; i < count; i++)
            {
                Assert.True(MerkleTree.Verify(tree.Proof(i), tree.Root, leaves[i]), $"leaf {i} of {count}");
            }
        }
    }

    [Fact]
    public void Verify_TamperedLeafOrProof_ReturnsFalse()
    {
        var random = new Random(12);
        var leaves = Enumerable.Range(0, 13).Select(i => ShardLeaf.Hash(i, RandomHash(random))).ToArray();
        var tree = new MerkleTree(leaves);
        var proof = tree.Proof(6);
        Assert.False(MerkleTree.Verify(proof, tree.Root, leaves[7]));
        Assert.False(MerkleTree.Verify(proof, tree.Root, ShardLeaf.Hash(6, RandomHash(random))));
        proof[1] = RandomHash(random);
        Assert.False(MerkleTree.Verify(proof, tree.Root, leaves[6]));
    }

    [Fact]
    public void Verify_LeafUnderAnotherIndex_ReturnsFalse()
    {
        // The index is part of the leaf, so a shard's bytes cannot be proven at a different position.
        var sha = Sha256.Hash("shard"u8);
        var tree = new MerkleTree([ShardLeaf.Hash(0, sha), ShardLeaf.Hash(1, sha)]);
        Assert.False(MerkleTree.Verify(tree.Proof(0), tree.Root, ShardLeaf.Hash(2, sha)));
        Assert.True(MerkleTree.Verify(tree.Proof(1), tree.Root, ShardLeaf.Hash(1, sha)));
    }

    [Fact]
    public void Root_TwoLeaves_IsSortedPairHash()
    {
        var a = Keccak256.Hash("a"u8);
        var b = Keccak256.Hash("b"u8);
        var (low, high) = a < b ? (a, b) : (b, a);
        var expected = Keccak256.Hash(low.ToArray(), high.ToArray());
        Assert.Equal(expected, new MerkleTree([a, b]).Root);
        Assert.Equal(expected, new MerkleTree([b, a]).Root);
    }

    [Fact]
    public void Root_SingleLeaf_IsTheLeafWithEmptyProof()
    {
        var leaf = ShardLeaf.Hash(0, Sha256.Hash([]));
        var tree = new MerkleTree([leaf]);
        Assert.Equal(leaf, tree.Root);
        Assert.Empty(tree.Proof(0));
    }

    [Fact]
    public void ShardLeaf_Hash_IsDoubleKeccakOfAbiEncoding()
    {
        // abi.encode(uint256 300, bytes32 h): 0x...012c then h; 300 needs more than 8 bits.
        var sha = Sha256.Hash("x"u8);
        var encoded = new byte[64];
        encoded[30] = 0x01;
        encoded[31] = 0x2c;
        sha.CopyTo(encoded.AsSpan(32));
        Assert.Equal(Keccak256.Hash(Keccak256.Hash(encoded).ToArray()), ShardLeaf.Hash(300, sha));
    }

    [Fact]
    public void Constructor_NoLeaves_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new MerkleTree([]));
        Assert.Equal("leaves", error.ParamName);
    }

    [Fact]
    public void Proof_IndexOutOfRange_Throws()
    {
        var tree = new MerkleTree([Hash32.Zero, Hash32.Zero]);
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.Proof(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardLeaf.Hash(-1, Hash32.Zero));
    }

    private static Hash32 RandomHash(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return new Hash32(bytes);
    }
}
