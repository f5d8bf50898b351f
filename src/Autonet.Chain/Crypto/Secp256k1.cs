using Autonet.Core.Ids;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC;
using BcInteger = Org.BouncyCastle.Math.BigInteger;
using NumericsInteger = System.Numerics.BigInteger;

namespace Autonet.Chain.Crypto;

/// <summary>
/// secp256k1 signing and public-key recovery on Portable.BouncyCastle's curve arithmetic.
/// Nonces are deterministic (RFC 6979 with HMAC-SHA256), s is normalised to the low half (EIP-2), and the
/// recovery id follows SEC 1 v2 §4.1.6. Signs 32-byte hashes only: hashing the message is the caller's job.
/// </summary>
public static class Secp256k1
{
    private static readonly ECDomainParameters Domain = CreateDomain();

    /// <summary>The group order n.</summary>
    public static NumericsInteger Order { get; } = ToNumerics(Domain.N);

    /// <summary>True when 1 &lt;= d &lt; n.</summary>
    public static bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey) =>
        privateKey.Length == 32 && new NumericsInteger(privateKey, isUnsigned: true, isBigEndian: true) is var d && d.Sign > 0 && d < Order;

    /// <summary>The uncompressed public key X ‖ Y (64 bytes) of a private key.</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> privateKey)
    {
        var d = new BcInteger(1, privateKey.ToArray());
        return Domain.G.Multiply(d).Normalize().GetEncoded(false)[1..];
    }

    /// <summary>Signs a 32-byte hash with RFC 6979 deterministic k, low s and the recovery id.</summary>
    /// <exception cref="ArgumentException">The hash is not 32 bytes or the key is outside 1..n-1.</exception>
    public static EcdsaSignature Sign(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> privateKey)
    {
        if (hash32.Length != 32)
        {
            throw new ArgumentException($"expected a 32-byte hash, got {hash32.Length} bytes", nameof(hash32));
        }
        if (!IsValidPrivateKey(privateKey))
        {
            throw new ArgumentException("private key must be 32 bytes in 1..n-1", nameof(privateKey));
        }
        // SEC 1 v2 §4.1.3 written out (rather than BouncyCastle's ECDsaSigner) because we need R's y parity for the
        // recovery id; recovering the key by trial instead costs two more point multiplications per signature.
        var n = Domain.N;
        var d = new BcInteger(1, privateKey.ToArray());
        var e = new BcInteger(1, hash32.ToArray());
        var nonces = new HMacDsaKCalculator(new Sha256Digest());
        nonces.Init(n, d, hash32.ToArray()); // RFC 6979 §3.2
        while (true)
        {
            var k = nonces.NextK();
            var point = Domain.G.Multiply(k).Normalize();
            var r = point.AffineXCoord.ToBigInteger().Mod(n);
            if (r.SignValue == 0)
            {
                continue;
            }
            var s = k.ModInverse(n).Multiply(e.Add(d.Multiply(r))).Mod(n);
            if (s.SignValue == 0)
            {
                continue;
            }
            // Ids 2 and 3 (R.x >= n) have probability about 2^-128 and are not produced by Ethereum signers.
            var recoveryId = point.AffineYCoord.TestBitZero() ? 1 : 0;
            if (s.CompareTo(n.ShiftRight(1)) > 0)
            {
                s = n.Subtract(s); // EIP-2 low s; negating s mirrors R, flipping the parity
                recoveryId ^= 1;
            }
            return new EcdsaSignature(ToNumerics(r), ToNumerics(s), (byte)recoveryId);
        }
    }

    /// <summary>Recovers the 64-byte public key that produced the signature (SEC 1 v2 §4.1.6).</summary>
    public static bool TryRecover(ReadOnlySpan<byte> hash32, EcdsaSignature signature, out byte[] publicKey)
    {
        publicKey = [];
        var n = Domain.N;
        var r = ToBouncy(signature.R);
        var s = ToBouncy(signature.S);
        if (hash32.Length != 32 || signature.RecoveryId > 1 || r.SignValue <= 0 || s.SignValue <= 0 || r.CompareTo(n) >= 0 || s.CompareTo(n) >= 0)
        {
            return false;
        }
        // R = the point with x = r and y of parity recoveryId (x = r + j·n for j >= 1 is not needed: ids 2/3 unsupported).
        var encoded = new byte[33];
        encoded[0] = (byte)(0x02 + signature.RecoveryId);
        var xBytes = r.ToByteArrayUnsigned();
        xBytes.CopyTo(encoded, 33 - xBytes.Length);
        ECPoint point;
        try
        {
            point = Domain.Curve.DecodePoint(encoded);
        }
        catch (ArgumentException)
        {
            return false; // r is not the x of a curve point
        }
        // Q = r⁻¹ (s·R − e·G)
        var e = new BcInteger(1, hash32.ToArray());
        var rInverse = r.ModInverse(n);
        var q = ECAlgorithms.SumOfTwoMultiplies(Domain.G, e.Negate().Mod(n).Multiply(rInverse).Mod(n), point, s.Multiply(rInverse).Mod(n)).Normalize();
        if (q.IsInfinity)
        {
            return false;
        }
        publicKey = q.GetEncoded(false)[1..];
        return true;
    }

    /// <summary>Recovers the signer's address, or null when the signature is invalid.</summary>
    public static Address? RecoverAddress(ReadOnlySpan<byte> hash32, EcdsaSignature signature) =>
        TryRecover(hash32, signature, out var publicKey) ? Address.FromPublicKey(publicKey) : null;

    private static ECDomainParameters CreateDomain()
    {
        var curve = SecNamedCurves.GetByName("secp256k1");
        return new ECDomainParameters(curve.Curve, curve.G, curve.N, curve.H);
    }

    private static NumericsInteger ToNumerics(BcInteger value) => new(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);

    private static BcInteger ToBouncy(NumericsInteger value) =>
        value.Sign < 0 ? BcInteger.One.Negate() : new BcInteger(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));
}
