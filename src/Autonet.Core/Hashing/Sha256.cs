using Autonet.Core.Ids;

namespace Autonet.Core.Hashing;

/// <summary>SHA-256 (FIPS 180-4) returning a <see cref="Hash32"/>; a thin wrapper over the platform implementation.</summary>
public static class Sha256
{
    /// <summary>Hashes <paramref name="data"/> in one call.</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(data, digest);
        return new Hash32(digest);
    }

    /// <summary>Hashes a stream to its end without buffering it whole.</summary>
    public static async Task<Hash32> HashAsync(Stream stream, CancellationToken cancellationToken)
    {
        var digest = await System.Security.Cryptography.SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return new Hash32(digest);
    }
}
