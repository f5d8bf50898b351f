// scrypt (RFC 7914): the memory-hard key derivation function of Web3 Secret Storage keystores. A plain
// implementation over uint words: Salsa20/8 (§3), scryptBlockMix (§4), scryptROMix (§5), PBKDF2-HMAC-SHA256 from the
// runtime around them (§6). Not vectorised: one derivation per node start (not benchmarked yet; see docs/decisions/0002).
// Parameters come from files strangers may write, so the memory they ask for is bounded before anything is allocated.
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Autonet.Chain.Crypto;

/// <summary>scrypt key derivation (RFC 7914).</summary>
public static class Scrypt
{
    /// <summary>The most memory one derivation may use (128·r·N bytes): 1 GiB, four times geth's standard setting.</summary>
    public const long MaxMemoryBytes = 1L << 30;

    /// <summary>Derives <paramref name="length"/> bytes from the passphrase and salt.</summary>
    /// <exception cref="ArgumentException">N is not a power of two above 1, r or p is below 1, p·r ≥ 2^30, or 128·r·N is over <see cref="MaxMemoryBytes"/>.</exception>
    public static byte[] Derive(ReadOnlySpan<byte> passphrase, ReadOnlySpan<byte> salt, long n, int r, int p, int length)
    {
        Validate(n, r, p, length);
        var blockBytes = 128 * r;
        // RFC 7914 §6 step 1: B = PBKDF2-HMAC-SHA256(P, S, 1, p · 128 · r)
        var b = Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, 1, HashAlgorithmName.SHA256, p * blockBytes);
        var words = blockBytes / 4;
        var block = new uint[words];
        var v = new uint[checked((int)(n * words))];
        var scratch = new uint[words];
        for (var i = 0; i < p; i++)
        {
            var slice = b.AsSpan(i * blockBytes, blockBytes);
            for (var w = 0; w < words; w++)
            {
                block[w] = BinaryPrimitives.ReadUInt32LittleEndian(slice[(4 * w)..]);
            }
            RoMix(block, v, scratch, (int)n, r);
            for (var w = 0; w < words; w++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(slice[(4 * w)..], block[w]);
            }
        }
        // §6 step 3: DK = PBKDF2-HMAC-SHA256(P, B, 1, dkLen)
        var key = Rfc2898DeriveBytes.Pbkdf2(passphrase, b, 1, HashAlgorithmName.SHA256, length);
        CryptographicOperations.ZeroMemory(b);
        Array.Clear(v);
        return key;
    }

    /// <summary>Checks scrypt's parameters (RFC 7914 §2) and this implementation's memory bound.</summary>
    /// <exception cref="ArgumentException">a parameter breaks a rule (the message names it).</exception>
    public static void Validate(long n, int r, int p, int length)
    {
        if (n < 2 || (n & (n - 1)) != 0)
        {
            throw new ArgumentException($"scrypt n = {n} is invalid: must be a power of two above 1", nameof(n));
        }
        if (r < 1 || p < 1 || (long)r * p >= 1L << 30)
        {
            throw new ArgumentException($"scrypt r = {r}, p = {p} are invalid: each must be at least 1 and r·p below 2^30", nameof(r));
        }
        if (128L * r * n > MaxMemoryBytes || 128L * r * p > MaxMemoryBytes)
        {
            throw new ArgumentException($"scrypt n = {n}, r = {r} asks for {128L * r * n} bytes: over the {MaxMemoryBytes}-byte limit of one derivation", nameof(n));
        }
        if (length < 1)
        {
            throw new ArgumentException($"scrypt dklen = {length} is invalid: must be at least 1", nameof(length));
        }
    }

    // RFC 7914 §5: X = B; V[i] = X, X = BlockMix(X) for i < N; then N times j = Integerify(X) mod N, X = BlockMix(X ⊕ V[j]).
    private static void RoMix(uint[] x, uint[] v, uint[] scratch, int n, int r)
    {
        var words = x.Length;
        for (var i = 0; i < n; i++)
        {
            x.CopyTo(v, i * words);
            BlockMix(x, scratch, r);
        }
        for (var i = 0; i < n; i++)
        {
            // Integerify: the first word of the last 64-byte block, little-endian; N ≤ 2^23 here, so 32 bits suffice.
            var j = (int)(x[words - 16] & (uint)(n - 1));
            var row = v.AsSpan(j * words, words);
            for (var w = 0; w < words; w++)
            {
                x[w] ^= row[w];
            }
            BlockMix(x, scratch, r);
        }
    }

    // RFC 7914 §4: X = B[2r-1]; Y[i] = X = Salsa(X ⊕ B[i]); B' = (Y0, Y2, …, Y2r-2, Y1, Y3, …, Y2r-1).
    private static void BlockMix(uint[] b, uint[] y, int r)
    {
        Span<uint> x = stackalloc uint[16];
        b.AsSpan((2 * r - 1) * 16, 16).CopyTo(x);
        for (var i = 0; i < 2 * r; i++)
        {
            var input = b.AsSpan(i * 16, 16);
            for (var w = 0; w < 16; w++)
            {
                x[w] ^= input[w];
            }
            Salsa208(x);
            var target = (i % 2 == 0 ? i / 2 : r + (i / 2)) * 16;
            x.CopyTo(y.AsSpan(target, 16));
        }
        y.CopyTo(b, 0);
    }

    // RFC 7914 §3: Salsa20/8 core, 4 double rounds, then the input added back. Additions wrap by design.
    private static void Salsa208(Span<uint> b)
    {
        unchecked
        {
            uint x0 = b[0], x1 = b[1], x2 = b[2], x3 = b[3], x4 = b[4], x5 = b[5], x6 = b[6], x7 = b[7];
            uint x8 = b[8], x9 = b[9], x10 = b[10], x11 = b[11], x12 = b[12], x13 = b[13], x14 = b[14], x15 = b[15];
            for (var i = 0; i < 8; i += 2)
            {
                // columns
                x4 ^= uint.RotateLeft(x0 + x12, 7); x8 ^= uint.RotateLeft(x4 + x0, 9);
                x12 ^= uint.RotateLeft(x8 + x4, 13); x0 ^= uint.RotateLeft(x12 + x8, 18);
                x9 ^= uint.RotateLeft(x5 + x1, 7); x13 ^= uint.RotateLeft(x9 + x5, 9);
                x1 ^= uint.RotateLeft(x13 + x9, 13); x5 ^= uint.RotateLeft(x1 + x13, 18);
                x14 ^= uint.RotateLeft(x10 + x6, 7); x2 ^= uint.RotateLeft(x14 + x10, 9);
                x6 ^= uint.RotateLeft(x2 + x14, 13); x10 ^= uint.RotateLeft(x6 + x2, 18);
                x3 ^= uint.RotateLeft(x15 + x11, 7); x7 ^= uint.RotateLeft(x3 + x15, 9);
                x11 ^= uint.RotateLeft(x7 + x3, 13); x15 ^= uint.RotateLeft(x11 + x7, 18);
                // rows
                x1 ^= uint.RotateLeft(x0 + x3, 7); x2 ^= uint.RotateLeft(x1 + x0, 9);
                x3 ^= uint.RotateLeft(x2 + x1, 13); x0 ^= uint.RotateLeft(x3 + x2, 18);
                x6 ^= uint.RotateLeft(x5 + x4, 7); x7 ^= uint.RotateLeft(x6 + x5, 9);
                x4 ^= uint.RotateLeft(x7 + x6, 13); x5 ^= uint.RotateLeft(x4 + x7, 18);
                x11 ^= uint.RotateLeft(x10 + x9, 7); x8 ^= uint.RotateLeft(x11 + x10, 9);
                x9 ^= uint.RotateLeft(x8 + x11, 13); x10 ^= uint.RotateLeft(x9 + x8, 18);
                x12 ^= uint.RotateLeft(x15 + x14, 7); x13 ^= uint.RotateLeft(x12 + x15, 9);
                x14 ^= uint.RotateLeft(x13 + x12, 13); x15 ^= uint.RotateLeft(x14 + x13, 18);
            }
            b[0] += x0; b[1] += x1; b[2] += x2; b[3] += x3; b[4] += x4; b[5] += x5; b[6] += x6; b[7] += x7;
            b[8] += x8; b[9] += x9; b[10] += x10; b[11] += x11; b[12] += x12; b[13] += x13; b[14] += x14; b[15] += x15;
        }
    }
}
