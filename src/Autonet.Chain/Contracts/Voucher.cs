using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// InferenceMarket's EIP-712 <c>Voucher</c>: <see cref="Client"/> owes <see cref="Provider"/> <see cref="Cumulative"/> ATN base
/// units in total for requests to <see cref="ProjectId"/>'s model. Cumulative, so each new voucher replaces the last and
/// the provider redeems only the latest; the contract pays what is new since its last redemption.
/// </summary>
public sealed record Voucher(Address Client, Address Provider, BigInteger ProjectId, BigInteger Cumulative)
{
    /// <summary>keccak256 of the struct's type, as <c>InferenceMarket.VOUCHER_TYPEHASH</c>.</summary>
    public static Hash32 TypeHash { get; } = TypedDataDomain.TypeHash("Voucher(address client,address provider,uint256 projectId,uint256 cumulative)");

    /// <summary>The EIP-712 digest the client signs (<c>InferenceMarket.voucherDigest</c> on chain).</summary>
    public Hash32 Digest(TypedDataDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return domain.Digest(TypedDataDomain.StructHash(TypeHash, Client, Provider, ProjectId, Cumulative));
    }

    /// <summary>Signs the voucher with the client's key (65 bytes r ‖ s ‖ v, v = 27 or 28).</summary>
    /// <exception cref="ArgumentException">The key is not the voucher's client.</exception>
    public byte[] Sign(TypedDataDomain domain, SigningKey client) =>
        TypedSignature.Sign(Digest(domain), client, Client, "voucher client");

    /// <summary>The address that signed this voucher, or null for a malformed signature.</summary>
    public Address? RecoverSigner(TypedDataDomain domain, ReadOnlySpan<byte> signature) => TypedSignature.Recover(Digest(domain), signature);
}
