using Autonet.Core.Ids;

namespace Autonet.Storage.Blobs;

/// <summary>
/// A content-addressed blob store: bytes go in, their <see cref="ContentId"/> comes out, and reading an id
/// gives back exactly those bytes or an error. Implementations: <see cref="DiskBlobStore"/>, <see cref="HttpBlobStore"/>.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the stream's bytes to its end and returns their id; storing the same bytes twice is a no-op.</summary>
    /// <exception cref="BlobTooLargeException">The content exceeds the store's size limit.</exception>
    Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the blob for streaming, or returns null when the store does not hold it. The stream checks the
    /// bytes against <paramref name="id"/> as they pass and throws <see cref="Autonet.Core.ContentMismatchException"/>
    /// at the end if they differ, so a caller must read to the end before trusting what it read.
    /// </summary>
    Task<Stream?> OpenReadAsync(ContentId id, CancellationToken cancellationToken);

    /// <summary>True when the store holds <paramref name="id"/>.</summary>
    Task<bool> ContainsAsync(ContentId id, CancellationToken cancellationToken);
}
