using System.Numerics;

namespace Autonet.Chain.Crypto;

/// <summary>
/// A secp256k1 ECDSA signature with low s (EIP-2: s &lt;= n/2) and the recovery id (0 or 1: the parity of R's y),
/// which lets a verifier recover the signer's public key from the hash alone.
/// </summary>
public readonly record struct EcdsaSignature(BigInteger R, BigInteger S, byte RecoveryId)
{
    /// <summary>r ‖ s ‖ v as 65 bytes, with v = recovery id + <paramref name="vOffset"/> (27 for EIP-191 personal_sign).</summary>
    public byte[] ToBytes(byte vOffset = 27)
    {
        var bytes = new byte[65];
        R.TryWriteBytes(bytes.AsSpan(32 - R.GetByteCount(isUnsigned: true), 32), out _, isUnsigned: true, isBigEndian: true);
        S.TryWriteBytes(bytes.AsSpan(64 - S.GetByteCount(isUnsigned: true), 32), out _, isUnsigned: true, isBigEndian: true);
        bytes[64] = checked((byte)(RecoveryId + vOffset));
        return bytes;
    }

    /// <summary>Reads r ‖ s ‖ v (65 bytes); v may be 0/1 or 27/28.</summary>
    /// <exception cref="FormatException">Wrong length or a v that is none of 0, 1, 27, 28.</exception>
    public static EcdsaSignature FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 65)
        {
            throw new FormatException($"signature must be 65 bytes (r ‖ s ‖ v), got {bytes.Length}");
        }
        var v = bytes[64];
        var recoveryId = v switch
        {
            0 or 1 => v,
            27 or 28 => (byte)(v - 27),
            _ => throw new FormatException($"signature v = {v} must be 0, 1, 27 or 28"),
        };
        return new EcdsaSignature(
            new BigInteger(bytes[..32], isUnsigned: true, isBigEndian: true),
            new BigInteger(bytes[32..64], isUnsigned: true, isBigEndian: true),
            recoveryId);
    }
}
