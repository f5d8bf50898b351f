using Autonet.Core.Ids;

namespace Autonet.Protocol.Ports;

/// <summary>Content-addressed bytes (Autonet.Storage's store or HTTP gateway).</summary>
public interface IBlobStore
{
    /// <summary>Stores the bytes and returns their CID (CIDv1 raw sha2-256).</summary>
    Task<ContentId> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>
    /// The bytes stored under <paramref name="id"/>; null when not found. An implementation throws
    /// <see cref="Autonet.Core.ContentMismatchException"/> when the bytes do not hash to the id.
    /// </summary>
    Task<byte[]?> GetAsync(ContentId id, CancellationToken cancellationToken);
}
