// The aggregator's (and a challenger's) model store once providers are on chain: the project's code (Project.storageCodeOf,
// k + m) splits the model, shard i goes to active provider i mod P of ProviderRegistry (the next one if it refuses), the
// manifest to every provider, then ModelShardRegistry gets the model (the CID of its bytes, the shard root, k + m) and
// the placement (manifest CID, shard size, each shard's provider and chunk root), so any node locates the shards from
// the chain. With no provider on chain it falls back to the node's own gateway (ShardedModelStore), as before issue 14.
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Protocol.Ports;
using Autonet.Storage.Sharding;

namespace Autonet.Node.Storage;

/// <summary>Places models across the providers registered on chain and registers where their shards are.</summary>
public sealed class ChainModelStore(AutonetSystem system, SigningKey key, ulong projectId, HttpClient http, string? uploadToken, IModelStore fallback) : IModelStore
{
    /// <inheritdoc/>
    public async Task<PlacedModel> PlaceAsync(byte[] model, CancellationToken cancellationToken)
    {
        var providers = await ProviderDirectory.ActiveAsync(system, http, uploadToken, cancellationToken).ConfigureAwait(false);
        if (providers.Count == 0)
        {
            return await fallback.PlaceAsync(model, cancellationToken).ConfigureAwait(false);
        }
        var (k, m) = await system.Project.StorageCodeOfAsync(projectId, cancellationToken).ConfigureAwait(false);
        var published = await ModelPublisher.PublishAsync(model, k, m, providers, cancellationToken).ConfigureAwait(false);
        var placed = await RegisterAsync(system, key, published, cancellationToken).ConfigureAwait(false);
        return new PlacedModel(placed.Model, placed.MerkleRoot);
    }

    /// <summary>Registers a published model and where its shards went; returns the model's id on ModelShardRegistry.</summary>
    /// <exception cref="ArgumentException">A shard went to a provider with no account on chain (a plain gateway).</exception>
    public static async Task<(System.Numerics.BigInteger ModelId, Core.Ids.ContentId Model, Core.Ids.Hash32 MerkleRoot)> RegisterAsync(
        AutonetSystem system, SigningKey key, PublishResult published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(published);
        var manifest = published.Manifest;
        var placements = published.Placements.OrderBy(p => p.ShardIndex).ToArray();
        if (placements.FirstOrDefault(p => p.Account is null) is { } plain)
        {
            throw new ArgumentException($"shard {plain.ShardIndex} went to {plain.Provider}, which has no account on chain: register only placements on providers from ProviderRegistry", nameof(published));
        }
        var id = await system.Shards.RegisterModelAsync(key, manifest.Content.ToString(), manifest.MerkleRoot, (ushort)manifest.DataShards, (ushort)manifest.ParityShards, cancellationToken).ConfigureAwait(false);
        await system.Shards.PlaceShardsAsync(key, id, published.ManifestId.ToString(), manifest.ShardSize,
            [.. placements.Select(p => p.Account!.Value)], [.. placements.Select(p => p.ChunkRoot)], cancellationToken).ConfigureAwait(false); // checked above: every placement has an account
        return (id, manifest.Content, manifest.MerkleRoot);
    }
}
