using System.Buffers;
using System.Collections.Concurrent;
using Autonet.Core.Ids;

namespace Autonet.Storage.Blobs;

/// <summary>
/// The lengths of blobs a gateway has read to the end and verified, learned on the first range request for each
/// (an <see cref="IBlobStore"/> streams without a length). One entry per distinct stored blob asked for, 40 bytes each.
/// Not a content cache: every range is still read from the store.
/// </summary>
internal sealed class BlobLengths(IBlobStore store)
{
    private readonly ConcurrentDictionary<ContentId, long> _verified = new();

    /// <summary>The blob's length, or null when the store does not hold it.</summary>
    /// <exception cref="Autonet.Core.ContentMismatchException">The stored bytes do not hash to <paramref name="id"/>.</exception>
    public async Task<long?> GetAsync(ContentId id, CancellationToken cancellationToken)
    {
        if (_verified.TryGetValue(id, out var known))
        {
            return known;
        }

        var stream = await store.OpenReadAsync(id, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            // Read to the end so the store's stream verifies the hash; only the count is kept.
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                long length = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                return _verified[id] = length;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
