using Autonet.Storage.Blobs;

namespace Autonet.Storage.Sharding;

/// <summary>
/// <c>autonet model publish FILE</c> without the chain: shard the file, store shard i with provider i mod P
/// (the next provider if that one refuses), and the manifest with every provider that takes it; each placement
/// carries the shard's possession tree root (<see cref="Possession.ChunkTree"/>). Registering the root and the
/// placements on ModelShardRegistry is the caller's next step.
/// </summary>
public static class ModelPublisher
{
    /// <summary>Publishes the file at <paramref name="path"/>.</summary>
    public static async Task<PublishResult> PublishFileAsync(
        string path, int dataShards, int parityShards, IReadOnlyList<ShardProvider> providers, CancellationToken cancellationToken)
    {
        var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return await PublishAsync(content, dataShards, parityShards, providers, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes <paramref name="content"/>.</summary>
    /// <exception cref="ModelFetchException">A shard or the manifest could not be stored with any provider.</exception>
    public static async Task<PublishResult> PublishAsync(
        ReadOnlyMemory<byte> content, int dataShards, int parityShards, IReadOnlyList<ShardProvider> providers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providers);
        if (providers.Count == 0)
        {
            Errors.Argument(nameof(providers), "publishing needs at least one provider");
        }

        var sharded = ModelSharder.Split(content.Span, dataShards, parityShards);
        var failures = new List<ProviderFailure>();
        var placements = new List<ShardPlacement>();
        for (var i = 0; i < sharded.Shards.Length; i++)
        {
            var placed = false;
            for (var attempt = 0; attempt < providers.Count && !placed; attempt++)
            {
                var provider = providers[(i + attempt) % providers.Count];
                placed = await TryPutAsync(provider, i, sharded.Shards[i], failures, cancellationToken).ConfigureAwait(false);
                if (placed)
                {
                    var chunkRoot = sharded.Shards[i].Length == 0 ? Autonet.Core.Ids.Hash32.Zero : new Possession.ChunkTree(sharded.Shards[i]).Root; // an empty model has no chunks (and cannot be placed on chain)
                    placements.Add(new ShardPlacement(i, sharded.Manifest.ShardId(i), provider.Name, chunkRoot, provider.Account));
                }
            }

            if (!placed)
            {
                throw new ModelFetchException($"shard {i} could not be stored with any of {providers.Count} providers", failures);
            }
        }

        var manifestBytes = sharded.Manifest.Encode();
        var stored = 0;
        foreach (var provider in providers)
        {
            stored += await TryPutAsync(provider, null, manifestBytes, failures, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        if (stored == 0)
        {
            throw new ModelFetchException("no provider accepted the manifest", failures);
        }

        return new PublishResult(Autonet.Core.Ids.ContentId.Of(manifestBytes), sharded.Manifest, placements, failures);
    }

    private static async Task<bool> TryPutAsync(
        ShardProvider provider, int? shardIndex, byte[] bytes, List<ProviderFailure> failures, CancellationToken cancellationToken)
    {
        try
        {
            await provider.Store.PutAsync(bytes, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception error) when (ShardProvider.IsProviderFault(error, cancellationToken))
        {
            failures.Add(new ProviderFailure(provider.Name, shardIndex, error.Message));
            return false;
        }
    }
}
