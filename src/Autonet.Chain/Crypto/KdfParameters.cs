namespace Autonet.Chain.Crypto;

/// <summary>
/// How a new keystore derives its key from the passphrase: scrypt (N, r, p) as geth writes it, or PBKDF2-HMAC-SHA256
/// with an iteration count. Reading accepts any parameters within <see cref="Scrypt.MaxMemoryBytes"/> and
/// <see cref="MaxIterations"/>.
/// </summary>
public sealed record KdfParameters(string Kdf, long N, int R, int P, int Iterations)
{
    /// <summary>The most PBKDF2 iterations a keystore may ask for (10× geth's 262,144).</summary>
    public const int MaxIterations = 2_621_440;

    /// <summary>geth's StandardScryptN/P: N = 2^18, r = 8, p = 1 (256 MiB).</summary>
    public static KdfParameters Standard { get; } = new("scrypt", 1 << 18, 8, 1, 0);

    /// <summary>geth's LightScryptN/P (`--lightkdf`): N = 2^12, r = 8, p = 6 (4 MiB, fast; for dev chains and tests).</summary>
    public static KdfParameters Light { get; } = new("scrypt", 1 << 12, 8, 6, 0);

    /// <summary>PBKDF2-HMAC-SHA256 with the spec's 262,144 iterations.</summary>
    public static KdfParameters Pbkdf2 { get; } = new("pbkdf2", 0, 0, 0, 262_144);
}
