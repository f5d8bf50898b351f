using System.Buffers.Binary;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Protocol.Roles;

/// <summary>
/// The two hashes a role must compute itself to act (the contract recomputes and checks them):
/// a solution commitment keccak256(abi.encode(uint256 taskId, address solver, bytes32 cid, bytes32 salt)) and the
/// ground-truth commitment keccak256(abi.encode(bytes32 cid, bytes32 salt)) = keccak(cid ‖ salt) (ARCHITECTURE.md, step 1).
/// The CID enters as its 32-byte sha2-256 digest. Static ABI types encode as 32-byte words, addresses left-padded
/// (Solidity ABI spec, "Formal Specification of the Encoding").
/// </summary>
public static class Commitment
{
    /// <summary>A solver's commitment to its delta for one task.</summary>
    public static Hash32 ForSolution(ulong taskId, Address solver, ContentId delta, Hash32 salt)
    {
        Span<byte> words = stackalloc byte[4 * 32];
        words.Clear();
        BinaryPrimitives.WriteUInt64BigEndian(words[24..32], taskId);
        solver.CopyTo(words[(64 - Address.Length)..64]);
        delta.Digest.CopyTo(words[64..96]);
        salt.CopyTo(words[96..128]);
        return Keccak256.Hash(words);
    }

    /// <summary>A proposer's commitment to its hidden validation set.</summary>
    public static Hash32 ForGroundTruth(ContentId validationSet, Hash32 salt)
    {
        Span<byte> words = stackalloc byte[2 * 32];
        validationSet.Digest.CopyTo(words[..32]);
        salt.CopyTo(words[32..]);
        return Keccak256.Hash(words);
    }
}
