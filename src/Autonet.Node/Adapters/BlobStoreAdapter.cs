using Autonet.Core.Ids;
using Autonet.Storage.Blobs;
using StorageStore = Autonet.Storage.Blobs.IBlobStore;

namespace Autonet.Node.Adapters;

/// <summary>The Protocol's blob port over Autonet.Storage's stores (disk or the HTTP gateway); reads are CID-verified.</summary>
public sealed class BlobStoreAdapter(StorageStore store) : Protocol.Ports.IBlobStore
{
    public Task<ContentId> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => store.PutAsync(content, cancellationToken);

    public Task<byte[]?> GetAsync(ContentId id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);
}
