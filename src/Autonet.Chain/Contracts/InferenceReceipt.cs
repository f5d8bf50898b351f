using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// InferenceMarket's EIP-712 <c>Receipt</c>: <see cref="Provider"/> answered <see cref="Client"/>'s request (keccak256
/// <see cref="RequestHash"/>) with the response <see cref="ResponseHash"/>, using <see cref="ProjectId"/>'s model of
/// <see cref="Round"/>. Signed by the provider, it is the evidence a dispute needs: whoever re-runs the request on that
/// model and gets another response hash holds a proof of a wrong answer.
/// </summary>
public sealed record InferenceReceipt(Address Provider, Address Client, BigInteger ProjectId, BigInteger Round, Hash32 RequestHash, Hash32 ResponseHash)
{
    /// <summary>keccak256 of the struct's type, as <c>InferenceMarket.RECEIPT_TYPEHASH</c>.</summary>
    public static Hash32 TypeHash { get; } =
        TypedDataDomain.TypeHash("Receipt(address provider,address client,uint256 projectId,uint256 round,bytes32 requestHash,bytes32 responseHash)");

    /// <summary>The EIP-712 digest the provider signs (<c>InferenceMarket.receiptDigest</c> on chain).</summary>
    public Hash32 Digest(TypedDataDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return domain.Digest(TypedDataDomain.StructHash(TypeHash, Provider, Client, ProjectId, Round, RequestHash, ResponseHash));
    }

    /// <summary>Signs the receipt with the provider's key (65 bytes r ‖ s ‖ v).</summary>
    /// <exception cref="ArgumentException">The key is not the receipt's provider.</exception>
    public byte[] Sign(TypedDataDomain domain, SigningKey provider) =>
        TypedSignature.Sign(Digest(domain), provider, Provider, "receipt provider");

    /// <summary>The address that signed this receipt, or null for a malformed signature.</summary>
    public Address? RecoverSigner(TypedDataDomain domain, ReadOnlySpan<byte> signature) => TypedSignature.Recover(Digest(domain), signature);

    /// <summary>The tuple as the ABI encoder takes it, in the struct's field order.</summary>
    public object[] ToAbi() => [Provider, Client, ProjectId, Round, RequestHash, ResponseHash];

    internal static InferenceReceipt FromAbi(object[] tuple) => new(
        (Address)tuple[0], (Address)tuple[1], (BigInteger)tuple[2], (BigInteger)tuple[3], new Hash32((byte[])tuple[4]), new Hash32((byte[])tuple[5]));
}
