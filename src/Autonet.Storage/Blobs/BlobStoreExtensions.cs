using Autonet.Core.Ids;

namespace Autonet.Storage.Blobs;

/// <summary>Whole-blob conveniences over <see cref="IBlobStore"/> for blobs small enough to hold in memory.</summary>
public static class BlobStoreExtensions
{
    /// <summary>Stores <paramref name="content"/> and returns its id.</summary>
    public static async Task<ContentId> PutAsync(this IBlobStore store, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        return await store.PutAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the whole blob, verified against its id, or null when the store does not hold it.</summary>
    /// <exception cref="Autonet.Core.ContentMismatchException">The bytes do not hash to <paramref name="id"/>.</exception>
    public static async Task<byte[]?> GetAsync(this IBlobStore store, ContentId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stream = await store.OpenReadAsync(id, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }

    /// <summary>
    /// Reads the whole blob, verified against its id, but at most <paramref name="maxBytes"/> bytes of it (a shard's
    /// known size, a manifest's), or null when the store does not hold it; an <see cref="HttpBlobStore"/> retries the
    /// whole transfer.
    /// </summary>
    /// <exception cref="BlobTooLargeException">The blob is longer than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="Autonet.Core.ContentMismatchException">The bytes do not hash to <paramref name="id"/>.</exception>
    public static async Task<byte[]?> GetAsync(this IBlobStore store, ContentId id, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (store is HttpBlobStore http)
        {
            return await http.ReadAsync(id, maxBytes, cancellationToken).ConfigureAwait(false);
        }

        var stream = await store.OpenReadAsync(id, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            var bounded = new VerifyingStream(new NonClosingStream(stream), expected: null, maxBytes, source: id.ToString());
            using var buffer = new MemoryStream();
            await bounded.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }
}
