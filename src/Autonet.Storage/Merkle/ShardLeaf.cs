using System.Buffers.Binary;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Storage.Merkle;

/// <summary>
/// The Merkle leaf of one shard, as OpenZeppelin's StandardMerkleTree builds leaves:
/// leaf = keccak256(bytes.concat(keccak256(abi.encode(uint256 shardIndex, bytes32 shardSha256)))).
/// Hashing twice keeps a 64-byte inner node from ever passing as a leaf (second-preimage defence), and
/// the index is a full uint256 word, so trees may hold more than 256 shards.
/// </summary>
public static class ShardLeaf
{
    /// <summary>The leaf hash for shard <paramref name="shardIndex"/> whose bytes have SHA-256 <paramref name="shardSha256"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shardIndex"/> is negative.</exception>
    public static Hash32 Hash(long shardIndex, Hash32 shardSha256)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);

        // abi.encode(uint256, bytes32): two 32-byte words, the integer big-endian and left-padded with zeros.
        Span<byte> encoded = stackalloc byte[64];
        encoded.Clear();
        BinaryPrimitives.WriteInt64BigEndian(encoded[24..32], shardIndex);
        shardSha256.CopyTo(encoded[32..]);
        Span<byte> inner = stackalloc byte[Hash32.Length];
        Keccak256.Hash(encoded).CopyTo(inner);
        return Keccak256.Hash(inner);
    }
}
