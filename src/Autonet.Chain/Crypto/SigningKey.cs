using System.Security.Cryptography;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Chain.Crypto;

/// <summary>
/// A secp256k1 private key and its address. <see cref="ToString"/> shows only the address: the secret never reaches
/// a log or an exception message. The bytes are zeroed on <see cref="Dispose"/>.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly byte[] _secret;

    private SigningKey(byte[] secret)
    {
        _secret = secret;
        PublicKey = Secp256k1.PublicKey(secret);
        Address = Address.FromPublicKey(PublicKey);
    }

    /// <summary>The account address derived from the key.</summary>
    public Address Address { get; }

    /// <summary>The uncompressed public key X ‖ Y (64 bytes).</summary>
    public byte[] PublicKey { get; }

    /// <summary>Wraps 32 private-key bytes (copied).</summary>
    /// <exception cref="ArgumentException">Not 32 bytes, or outside 1..n-1.</exception>
    public static SigningKey FromBytes(ReadOnlySpan<byte> privateKey)
    {
        if (!Secp256k1.IsValidPrivateKey(privateKey))
        {
            throw new ArgumentException($"a secp256k1 private key is 32 bytes in 1..n-1 (got {privateKey.Length} bytes)", nameof(privateKey));
        }
        return new SigningKey(privateKey.ToArray());
    }

    /// <summary>Parses 64 hex digits (optional "0x"). The message on failure never echoes the text.</summary>
    /// <exception cref="FormatException">Not 32 bytes of hex or not a valid key.</exception>
    public static SigningKey Parse(string hex)
    {
        if (!Hex.TryDecode(hex?.Trim(), out var bytes, out _) || !Secp256k1.IsValidPrivateKey(bytes))
        {
            throw new FormatException("private key must be 64 hex digits (optional 0x) encoding a value in 1..n-1; the text is not shown");
        }
        return new SigningKey(bytes);
    }

    /// <summary>A fresh random key from the OS CSPRNG.</summary>
    public static SigningKey Generate()
    {
        var bytes = new byte[32];
        do
        {
            RandomNumberGenerator.Fill(bytes);
        }
        while (!Secp256k1.IsValidPrivateKey(bytes));
        return new SigningKey(bytes);
    }

    /// <summary>Signs a 32-byte hash (RFC 6979, low s, recovery id).</summary>
    public EcdsaSignature Sign(ReadOnlySpan<byte> hash32) => Secp256k1.Sign(hash32, _secret);

    /// <summary>Signs a hash.</summary>
    public EcdsaSignature Sign(Hash32 hash) => Sign(hash.ToArray());

    /// <summary>The private key as "0x" hex, for writing a key file or handing a dev key to a CLI user. Never log it.</summary>
    public string ExportHex() => Hex.Encode(_secret);

    /// <summary>Redacted: the address only.</summary>
    public override string ToString() => $"SigningKey({Address}, secret redacted)";

    public void Dispose() => CryptographicOperations.ZeroMemory(_secret);
}
