// `autonet serve --project N`: the latest final model of a project (Project.latestFinalModel: the file's CID, the
// Merkle root of its placed shards and the round; a model still in its challenge window may yet be replaced, so it is
// not served until its window settles, and the genesis model is final at once), fetched from a storage provider (the
// given store, else the providers ModelShardRegistry places its shards with) and verified twice: the bytes must hash
// to the CID, and splitting them with the project's code (Project.storageCodeOf; or 4 + 2, as ShardedModelStore places
// models when no provider is on chain) must give the on-chain Merkle root, so nobody can serve a model the chain did not publish.
using Autonet.Chain.Contracts;
using Autonet.Core;
using Autonet.Core.Ids;
using Autonet.Storage.Blobs;
using Autonet.Storage.Sharding;

namespace Autonet.Node.Adapters;

/// <summary>A published model's bytes and where they were published.</summary>
public sealed record PublishedModelBytes(byte[] Bytes, ulong ProjectId, ulong Round, ContentId Cid, Hash32 MerkleRoot);

/// <summary>Reads and verifies the latest final model of a project.</summary>
public static class PublishedModelReader
{
    /// <exception cref="InvalidOperationException">The project has published no model, or no provider holds it.</exception>
    /// <exception cref="ContentMismatchException">The bytes do not hash to the CID or do not give the on-chain root.</exception>
    public static async Task<PublishedModelBytes> FetchLatestAsync(AutonetSystem system, ulong projectId, IBlobStore storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(storage);
        var (cidText, root, round, _) = await system.Project.LatestFinalModelAsync(projectId, cancellationToken).ConfigureAwait(false);
        if (cidText.Length == 0 || !ContentId.TryParse(cidText, out var cid))
        {
            throw new InvalidOperationException($"project {projectId} has no final model on Project {system.Project.Address} (latestFinalModel cid '{cidText}'); run a round first (`autonet network run`)");
        }
        return await FetchAsync(system, projectId, (ulong)round, cid, root, storage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The model published as <paramref name="round"/> of the project (what a receipt of that round was answered with).</summary>
    /// <exception cref="InvalidOperationException">No model for that round, or no provider holds it.</exception>
    /// <exception cref="ContentMismatchException">The bytes do not hash to the CID or do not give the on-chain root.</exception>
    public static async Task<PublishedModelBytes> FetchRoundAsync(AutonetSystem system, ulong projectId, ulong round, IBlobStore storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(storage);
        object[] version;
        try
        {
            version = (object[])(await system.Project.Raw.CallAsync("modelAt", cancellationToken, projectId, round).ConfigureAwait(false))[0];
        }
        catch (Chain.ChainException e) when (e.Revert?.Name == "UnknownRound")
        {
            throw new InvalidOperationException($"project {projectId} published no model as round {round}", e);
        }
        var cidText = (string)version[0];
        if (!ContentId.TryParse(cidText, out var cid))
        {
            throw new InvalidOperationException($"project {projectId} round {round}: the chain's model cid '{cidText}' is not a content id");
        }
        return await FetchAsync(system, projectId, round, cid, new Hash32((byte[])version[1]), storage, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<PublishedModelBytes> FetchAsync(AutonetSystem system, ulong projectId, ulong round, ContentId cid, Hash32 root, IBlobStore storage, CancellationToken cancellationToken)
    {
        var bytes = await storage.GetAsync(cid, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            using var http = new HttpClient();
            bytes = await new Storage.ChainBlobStore(new NoBlobs(), new Storage.ModelLocator(system, http)).GetAsync(cid, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"project {projectId} round {round}: no storage provider holds model {cid}, and ModelShardRegistry places no shards of it");
        }
        var (k, m) = await system.Project.StorageCodeOfAsync(projectId, cancellationToken).ConfigureAwait(false);
        var placed = ModelSharder.Split(bytes, k, m).Manifest.MerkleRoot;
        if (placed != root && ModelSharder.Split(bytes, ShardedModelStore.DataShards, ShardedModelStore.ParityShards).Manifest.MerkleRoot != root)
        {
            throw new ContentMismatchException($"project {projectId} round {round}: model {cid} gives Merkle root {placed} ({k} + {m} shards), the chain has {root}");
        }
        return new PublishedModelBytes(bytes, projectId, round, cid, root);
    }

    // An empty gateway: the sharded route alone.
    private sealed class NoBlobs : Protocol.Ports.IBlobStore
    {
        public Task<ContentId> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => throw new NotSupportedException("reads only");

        public Task<byte[]?> GetAsync(ContentId id, CancellationToken cancellationToken) => Task.FromResult<byte[]?>(null);
    }
}
