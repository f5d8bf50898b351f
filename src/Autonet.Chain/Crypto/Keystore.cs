// A private key in a Web3 Secret Storage (version 3) keystore, the JSON file geth, Foundry (cast, forge --keystore)
// and wallets read: KDF (scrypt or PBKDF2-HMAC-SHA256) → DK; AES-128-CTR with DK[0..16) encrypts the key;
// MAC = keccak256(DK[16..32) ‖ ciphertext). Reading checks the MAC in constant time before decrypting, bounds every
// parameter a stranger's file could inflate, and names the field that is wrong. It does not do version 1/2 files,
// AES-128-CBC or other PRFs. Spec: https://ethereum.org/developers/docs/data-structures-and-encoding/web3-secret-storage
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autonet.Core.Codecs;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Crypto;

/// <summary>Encrypts and decrypts keystore v3 JSON.</summary>
public static class Keystore
{
    /// <summary>A keystore file larger than this is refused unread (real ones are about 500 bytes).</summary>
    public const int MaxFileBytes = 64 * 1024;

    /// <summary>Encrypts <paramref name="key"/> under <paramref name="passphrase"/> with a fresh salt, IV and UUID.</summary>
    public static string Encrypt(SigningKey key, string passphrase, KdfParameters kdf) =>
        Encrypt(key, passphrase, kdf, RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(16), Guid.NewGuid());

    /// <summary>Encrypts with the given salt, IV and id (for the spec's vectors; use the other overload otherwise).</summary>
    public static string Encrypt(SigningKey key, string passphrase, KdfParameters kdf, byte[] salt, byte[] iv, Guid id)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(passphrase);
        ArgumentNullException.ThrowIfNull(kdf);
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(iv);
        if (iv.Length != 16)
        {
            throw new ArgumentException($"AES-128-CTR IV is {iv.Length} bytes: must be 16", nameof(iv));
        }
        var secret = Hex.Decode(key.ExportHex());
        var derived = Derive(passphrase, kdf, salt, 32);
        try
        {
            var ciphertext = AesCtr(derived.AsSpan(0, 16), iv, secret);
            var mac = Mac(derived, ciphertext);
            var kdfParams = kdf.Kdf == "scrypt"
                ? new JsonObject { ["dklen"] = 32, ["n"] = kdf.N, ["p"] = kdf.P, ["r"] = kdf.R, ["salt"] = Hex.Encode(salt, prefix: false) }
                : new JsonObject { ["c"] = kdf.Iterations, ["dklen"] = 32, ["prf"] = "hmac-sha256", ["salt"] = Hex.Encode(salt, prefix: false) };
            var root = new JsonObject
            {
                ["address"] = key.Address.ToString()[2..].ToLowerInvariant(),
                ["crypto"] = new JsonObject
                {
                    ["cipher"] = "aes-128-ctr",
                    ["cipherparams"] = new JsonObject { ["iv"] = Hex.Encode(iv, prefix: false) },
                    ["ciphertext"] = Hex.Encode(ciphertext, prefix: false),
                    ["kdf"] = kdf.Kdf,
                    ["kdfparams"] = kdfParams,
                    ["mac"] = Hex.Encode(mac, prefix: false),
                },
                ["id"] = id.ToString(),
                ["version"] = 3,
            };
            return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    /// <summary>Decrypts a keystore.</summary>
    /// <exception cref="FormatException">not a v3 keystore we can read (the message names the field and the rule)</exception>
    /// <exception cref="ChainException">the passphrase is wrong (the MAC does not match)</exception>
    public static SigningKey Decrypt(string json, string passphrase)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(passphrase);
        var file = KeystoreJson.Parse(json);
        var derived = Derive(passphrase, file.Kdf, file.Salt, file.DerivedLength);
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(Mac(derived, file.Ciphertext), file.Mac))
            {
                throw new ChainException("keystore: wrong passphrase (the MAC does not match)");
            }
            var secret = AesCtr(derived.AsSpan(0, 16), file.Iv, file.Ciphertext);
            try
            {
                return SigningKey.FromBytes(secret);
            }
            catch (ArgumentException)
            {
                throw new FormatException("keystore: the decrypted secret is not a secp256k1 private key (32 bytes in 1..n-1)");
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    /// <summary>The address a keystore declares (its optional "address" field), readable without the passphrase.</summary>
    /// <exception cref="FormatException">not a v3 keystore</exception>
    public static Address? DeclaredAddress(string json) => KeystoreJson.Parse(json).Address;

    /// <summary>Writes a keystore file with mode 0600 set before the first byte; never overwrites.</summary>
    /// <exception cref="IOException">the file exists</exception>
    public static void Save(string path, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads a keystore file (at most <see cref="MaxFileBytes"/>).</summary>
    /// <exception cref="FormatException">too large, or not a v3 keystore (the message names the file)</exception>
    public static string Read(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
        {
            throw new FormatException($"keystore {path}: {length} bytes is over the {MaxFileBytes}-byte limit of a keystore file");
        }
        return File.ReadAllText(path);
    }

    private static byte[] Derive(string passphrase, KdfParameters kdf, byte[] salt, int length)
    {
        var password = Encoding.UTF8.GetBytes(passphrase); // geth and Foundry hash the passphrase's UTF-8 bytes, unnormalised
        try
        {
            return kdf.Kdf switch
            {
                "scrypt" => Scrypt.Derive(password, salt, kdf.N, kdf.R, kdf.P, length),
                "pbkdf2" => Rfc2898DeriveBytes.Pbkdf2(password, salt, kdf.Iterations, HashAlgorithmName.SHA256, length),
                _ => throw new ArgumentException($"kdf '{kdf.Kdf}' is not scrypt or pbkdf2", nameof(kdf)),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }

    // MAC = keccak256(DK[16..32) ‖ ciphertext)
    private static byte[] Mac(byte[] derived, byte[] ciphertext) => Keccak256.Hash(derived.AsSpan(16, 16), ciphertext).ToArray();

    // AES-128-CTR (NIST SP 800-38A §6.5): the IV is a 128-bit big-endian counter, incremented per 16-byte block.
    private static byte[] AesCtr(ReadOnlySpan<byte> key, byte[] iv, byte[] input)
    {
        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        var counter = (byte[])iv.Clone();
        var stream = new byte[16];
        var output = new byte[input.Length];
        for (var offset = 0; offset < input.Length; offset += 16)
        {
            aes.EncryptEcb(counter, stream, PaddingMode.None);
            for (var i = 0; i < 16 && offset + i < input.Length; i++)
            {
                output[offset + i] = (byte)(input[offset + i] ^ stream[i]);
            }
            for (var i = 15; i >= 0; i--)
            {
                counter[i] = unchecked((byte)(counter[i] + 1));
                if (counter[i] != 0)
                {
                    break; // no carry into the next byte
                }
            }
        }
        CryptographicOperations.ZeroMemory(stream);
        return output;
    }
}
