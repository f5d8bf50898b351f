using System.Buffers.Binary;
using System.Text;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Protocol.Roles;

/// <summary>
/// The two hashes a role must compute itself to act, byte-exact with TaskContract (contracts/README.md,
/// "Hash encodings"): a solution commitment keccak256(abi.encode(uint256 taskId, address solver, string cid,
/// bytes32 salt)) and the ground-truth commitment keccak256(abi.encode(address proposer, string gtCid, bytes32 salt)).
/// The CID enters as its base32 text. ABI encoding: static words in the head, the string as a head offset
/// to a tail of length word + bytes right-padded to 32 (Solidity ABI spec, "Formal Specification of the Encoding").
/// </summary>
public static class Commitment
{
    /// <summary>A solver's commitment to its delta for one task.</summary>
    public static Hash32 ForSolution(ulong taskId, Address solver, ContentId delta, Hash32 salt)
    {
        var text = Encoding.UTF8.GetBytes(delta.ToString());
        var words = new byte[(4 * 32) + 32 + Padded(text.Length)];
        BinaryPrimitives.WriteUInt64BigEndian(words.AsSpan(24, 8), taskId);
        solver.CopyTo(words.AsSpan(64 - Address.Length, Address.Length));
        words[95] = 4 * 32; // offset of the string's tail
        salt.CopyTo(words.AsSpan(96, 32));
        WriteTail(words.AsSpan(128), text);
        return Keccak256.Hash(words);
    }

    /// <summary>A proposer's commitment to its hidden validation set.</summary>
    public static Hash32 ForGroundTruth(Address proposer, ContentId validationSet, Hash32 salt)
    {
        var text = Encoding.UTF8.GetBytes(validationSet.ToString());
        var words = new byte[(3 * 32) + 32 + Padded(text.Length)];
        proposer.CopyTo(words.AsSpan(32 - Address.Length, Address.Length));
        words[63] = 3 * 32;
        salt.CopyTo(words.AsSpan(64, 32));
        WriteTail(words.AsSpan(96), text);
        return Keccak256.Hash(words);
    }

    private static int Padded(int length) => (length + 31) / 32 * 32;

    private static void WriteTail(Span<byte> tail, byte[] text)
    {
        BinaryPrimitives.WriteUInt64BigEndian(tail.Slice(24, 8), (ulong)text.Length);
        text.CopyTo(tail[32..]);
    }
}
