using Autonet.Core.Ids;

namespace Autonet.Chain.Crypto;

/// <summary>Signs a digest (EIP-712 or any other 32-byte hash) as 65 bytes r ‖ s ‖ v, and recovers the signer.</summary>
public static class TypedSignature
{
    /// <summary>Signs <paramref name="digest"/> with <paramref name="key"/>, which must be <paramref name="signer"/>'s (v = 27 or 28).</summary>
    /// <exception cref="ArgumentException">The key is not the signer's; the message names what is signed ("voucher client").</exception>
    public static byte[] Sign(Hash32 digest, SigningKey key, Address signer, string what)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Address != signer)
        {
            throw new ArgumentException($"{what} is {signer}, but the key is {key.Address}", nameof(key));
        }
        return key.Sign(digest).ToBytes(27);
    }

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
