using System.Globalization;
using System.Text;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Crypto;

/// <summary>
/// EIP-191 version 0x45 ("personal_sign"): keccak256("\x19Ethereum Signed Message:\n" + decimal length + message).
/// The prefix keeps a signed message from ever being a valid transaction. Not EIP-712 typed data.
/// </summary>
public static class PersonalMessage
{
    /// <summary>The EIP-191 hash of a message.</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> message)
    {
        var prefix = Encoding.ASCII.GetBytes("\u0019Ethereum Signed Message:\n" + message.Length.ToString(CultureInfo.InvariantCulture));
        return Keccak256.Hash(prefix, message);
    }

    /// <summary>Signs a message; returns r ‖ s ‖ v with v = 27 or 28, as personal_sign/eth_sign do.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> message, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Sign(Hash(message)).ToBytes(27);
    }

    /// <summary>The address that signed the message, or null for an invalid signature.</summary>
    public static Address? RecoverSigner(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature65)
    {
        EcdsaSignature signature;
        try
        {
            signature = EcdsaSignature.FromBytes(signature65);
        }
        catch (FormatException)
        {
            return null;
        }
        return Secp256k1.RecoverAddress(Hash(message).ToArray(), signature);
    }
}
