using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Storage.Merkle;

/// <summary>
/// A binary Keccak-256 Merkle tree over leaf hashes in the given order, with sorted (commutative) pair hashing,
/// so OpenZeppelin's <c>MerkleProof.verify(proof, root, leaf)</c> accepts its proofs. A level with an odd count
/// carries its last node up unchanged. Not a multiproof builder, and it does not hash leaves: see <see cref="ShardLeaf"/>.
/// </summary>
public sealed class MerkleTree
{
    // _levels[0] are the leaves; _levels[^1] is the single root.
    private readonly Hash32[][] _levels;

    /// <summary>Builds the tree.</summary>
    /// <exception cref="ArgumentException">No leaves.</exception>
    public MerkleTree(IReadOnlyList<Hash32> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        if (leaves.Count == 0)
        {
            Errors.Argument(nameof(leaves), "a Merkle tree needs at least one leaf");
        }

        var levels = new List<Hash32[]> { leaves.ToArray() };
        while (levels[^1].Length > 1)
        {
            var below = levels[^1];
            var above = new Hash32[(below.Length + 1) / 2];
            for (var i = 0; i < above.Length; i++)
            {
                above[i] = 2 * i + 1 < below.Length ? HashPair(below[2 * i], below[(2 * i) + 1]) : below[2 * i];
            }

            levels.Add(above);
        }

        _levels = [.. levels];
    }

    /// <summary>The root hash.</summary>
    public Hash32 Root => _levels[^1][0];

    /// <summary>The number of leaves.</summary>
    public int Count => _levels[0].Length;

    /// <summary>The leaf hash at <paramref name="index"/>.</summary>
    public Hash32 Leaf(int index) => _levels[0][index];

    /// <summary>The sibling hashes from leaf <paramref name="index"/> up to the root, bottom first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a leaf index.</exception>
    public Hash32[] Proof(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var proof = new List<Hash32>();
        for (var level = 0; level < _levels.Length - 1; level++)
        {
            var sibling = index ^ 1;
            if (sibling < _levels[level].Length)
            {
                proof.Add(_levels[level][sibling]);
            }

            index /= 2;
        }

        return [.. proof];
    }

    /// <summary>OpenZeppelin <c>MerkleProof.processProof</c> then compare: true when the proof leads from leaf to root.</summary>
    public static bool Verify(ReadOnlySpan<Hash32> proof, Hash32 root, Hash32 leaf)
    {
        var computed = leaf;
        foreach (var sibling in proof)
        {
            computed = HashPair(computed, sibling);
        }

        return computed == root;
    }

    /// <summary>keccak256 of the two hashes, smaller first (OpenZeppelin <c>Hashes.commutativeKeccak256</c>).</summary>
    public static Hash32 HashPair(Hash32 a, Hash32 b)
    {
        Span<byte> pair = stackalloc byte[2 * Hash32.Length];
        (a <= b ? a : b).CopyTo(pair);
        (a <= b ? b : a).CopyTo(pair[Hash32.Length..]);
        return Keccak256.Hash(pair);
    }
}
