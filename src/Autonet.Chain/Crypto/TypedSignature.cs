using Autonet.Core.Ids;

namespace Autonet.Chain.Crypto;

/// <summary>Recovers the signer of a 65-byte r ‖ s ‖ v signature over a digest (EIP-712 or any other 32-byte hash).</summary>
public static class TypedSignature
{
    /// <summary>The signer's address, or null when the signature is malformed or does not recover.</summary>
    public static Address? Recover(Hash32 digest, ReadOnlySpan<byte> signature)
    {
        EcdsaSignature parsed;
        try
        {
            parsed = EcdsaSignature.FromBytes(signature);
        }
        catch (FormatException)
        {
            return null;
        }
        // EIP-2: OpenZeppelin's ECDSA.recover refuses a high s, so a voucher it would refuse is refused here too.
        return parsed.S > Secp256k1.Order / 2 ? null : Secp256k1.RecoverAddress(digest.ToArray(), parsed);
    }
}
