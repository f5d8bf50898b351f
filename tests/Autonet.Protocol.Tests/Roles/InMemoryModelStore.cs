using Autonet.Core.Hashing;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>Places a model as one blob; its "Merkle root" is keccak of the bytes (the real one is Autonet.Storage's).</summary>
internal sealed class InMemoryModelStore(InMemoryBlobStore blobs) : IModelStore
{
    public async Task<PlacedModel> PlaceAsync(byte[] model, CancellationToken cancellationToken) =>
        new(await blobs.PutAsync(model, cancellationToken), Keccak256.Hash(model));
}
