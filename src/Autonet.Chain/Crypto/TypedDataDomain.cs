using System.Numerics;
using System.Text;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Crypto;

/// <summary>
/// An EIP-712 domain (name, version, chainId, verifyingContract) and the digest of a typed message in it:
/// keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(message)). Callers hash their own structs with <see cref="StructHash"/>;
/// this holds no type parser (our two structs have only static fields).
/// </summary>
public sealed record TypedDataDomain(string Name, string Version, BigInteger ChainId, Address VerifyingContract)
{
    private static readonly Hash32 DomainTypeHash = TypeHash("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    /// <summary>hashStruct(EIP712Domain) // EIP-712, "Definition of domainSeparator".</summary>
    public Hash32 Separator => StructHash(DomainTypeHash, Keccak256.Hash(Encoding.UTF8.GetBytes(Name)), Keccak256.Hash(Encoding.UTF8.GetBytes(Version)), ChainId, VerifyingContract);

    /// <summary>The digest to sign: keccak256(0x19 0x01 ‖ domainSeparator ‖ structHash) // EIP-712, "Specification".</summary>
    public Hash32 Digest(Hash32 structHash)
    {
        Span<byte> bytes = stackalloc byte[66];
        bytes[0] = 0x19;
        bytes[1] = 0x01;
        Separator.CopyTo(bytes[2..34]);
        structHash.CopyTo(bytes[34..]);
        return Keccak256.Hash(bytes);
    }

    /// <summary>keccak256 of a type's encoding, e.g. "Voucher(address client,…)".</summary>
    public static Hash32 TypeHash(string encodedType) => Keccak256.Hash(Encoding.ASCII.GetBytes(encodedType));

    /// <summary>
    /// hashStruct: keccak256(typeHash ‖ encodeData), each member one 32-byte word (static types only: Hash32 for bytes32
    /// and pre-hashed strings, BigInteger for uint256, Address left-padded) // EIP-712, "Definition of encodeData".
    /// </summary>
    /// <exception cref="ArgumentException">A member is not one of those types, or a negative or over-256-bit integer.</exception>
    public static Hash32 StructHash(Hash32 typeHash, params object[] members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var bytes = new byte[32 * (members.Length + 1)];
        typeHash.CopyTo(bytes);
        for (var i = 0; i < members.Length; i++)
        {
            var word = bytes.AsSpan(32 * (i + 1), 32);
            switch (members[i])
            {
                case Hash32 hash:
                    hash.CopyTo(word);
                    break;
                case Address address:
                    address.CopyTo(word[12..]);
                    break;
                case BigInteger value when value.Sign >= 0 && value.GetByteCount(isUnsigned: true) <= 32:
                    value.TryWriteBytes(word[(32 - value.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);
                    break;
                default:
                    throw new ArgumentException($"member {i} ({members[i]?.GetType().Name ?? "null"}) is not a bytes32, an address or a uint256 in 0..2^256-1", nameof(members));
            }
        }
        return Keccak256.Hash(bytes);
    }
}
