using System.Buffers.Binary;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Protocol.Roles;

/// <summary>
/// The two hashes a role must compute itself to act, byte-exact with TaskContract (contracts/README.md,
/// "Hash encodings"): a solution commitment keccak256(abi.encode(uint256 taskId, address solver, bytes32 digest,
/// bytes32 salt)) and the ground-truth commitment keccak256(abi.encode(address proposer, bytes32 gtDigest, bytes32
/// salt)). A content id enters as its sha2-256 digest, as the contract stores it. ABI encoding: every field a static
/// 32-byte word, integers and addresses right-aligned (Solidity ABI spec, "Formal Specification of the Encoding").
/// </summary>
public static class Commitment
{
    /// <summary>A solver's commitment to its delta for one task.</summary>
    public static Hash32 ForSolution(ulong taskId, Address solver, ContentId delta, Hash32 salt)
    {
        var words = new byte[4 * 32];
        BinaryPrimitives.WriteUInt64BigEndian(words.AsSpan(24, 8), taskId);
        solver.CopyTo(words.AsSpan(64 - Address.Length, Address.Length));
        delta.Digest.CopyTo(words.AsSpan(64, 32));
        salt.CopyTo(words.AsSpan(96, 32));
        return Keccak256.Hash(words);
    }

    /// <summary>A proposer's commitment to its hidden validation set.</summary>
    public static Hash32 ForGroundTruth(Address proposer, ContentId validationSet, Hash32 salt)
    {
        var words = new byte[3 * 32];
        proposer.CopyTo(words.AsSpan(32 - Address.Length, Address.Length));
        validationSet.Digest.CopyTo(words.AsSpan(32, 32));
        salt.CopyTo(words.AsSpan(64, 32));
        return Keccak256.Hash(words);
    }
}
