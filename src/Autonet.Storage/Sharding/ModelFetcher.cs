using Autonet.Core.Ids;
using Autonet.Storage.Blobs;

namespace Autonet.Storage.Sharding;

/// <summary>
/// <c>autonet model fetch CID</c>: read the manifest from any provider, then collect k shards that pass their
/// Merkle proof, trying for shard i the provider it was published to first (i mod P), then the others; providers
/// that cannot be reached are dropped for the rest of the fetch. Missing or bad shards are rebuilt from parity.
/// Sequential, in memory; it does not rank providers by speed.
/// </summary>
public static class ModelFetcher
{
    /// <summary>Fetches the model whose manifest has id <paramref name="manifestId"/>.</summary>
    /// <param name="manifestId">The id printed by publish.</param>
    /// <param name="providers">Where to look.</param>
    /// <param name="expectedRoot">The Merkle root registered on chain, when known; shards are proven against it.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <exception cref="ModelFetchException">No manifest, or fewer than k good shards; lists every provider failure.</exception>
    public static async Task<FetchResult> FetchAsync(
        ContentId manifestId, IReadOnlyList<ShardProvider> providers, Hash32? expectedRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var failures = new List<ProviderFailure>();
        var down = new HashSet<string>();
        var manifest = await FetchManifestAsync(manifestId, providers, failures, down, cancellationToken).ConfigureAwait(false);
        var root = expectedRoot ?? manifest.MerkleRoot;
        if (root != manifest.MerkleRoot)
        {
            throw new ModelFetchException($"manifest {manifestId} has Merkle root {manifest.MerkleRoot}, expected {root} (from the chain)", failures);
        }

        var shards = new byte[]?[manifest.TotalShards];
        var collected = 0;
        for (var i = 0; i < manifest.TotalShards && collected < manifest.DataShards; i++)
        {
            for (var attempt = 0; attempt < providers.Count && shards[i] is null; attempt++)
            {
                var provider = providers[(i + attempt) % providers.Count];
                if (down.Contains(provider.Name))
                {
                    continue;
                }

                var bytes = await TryGetAsync(provider, i, manifest.ShardId(i), failures, down, cancellationToken).ConfigureAwait(false);
                if (bytes is null)
                {
                    continue;
                }

                // Do not trust the store's own check: prove the bytes against the root.
                if (manifest.VerifyShard(i, bytes, root, out var problem))
                {
                    shards[i] = bytes;
                    collected++;
                }
                else
                {
                    failures.Add(new ProviderFailure(provider.Name, i, problem));
                }
            }
        }

        if (collected < manifest.DataShards)
        {
            throw new ModelFetchException(
                $"only {collected} of the {manifest.DataShards} shards needed for {manifestId} could be fetched and verified", failures);
        }

        var rebuilt = Enumerable.Range(0, manifest.DataShards).Where(i => shards[i] is null).ToArray();
        var content = ModelSharder.Join(manifest, shards);
        return new FetchResult(content, manifest, rebuilt, failures);
    }

    /// <summary>Fetches and writes the model to <paramref name="path"/> atomically (temp file, then rename).</summary>
    public static async Task<FetchResult> FetchToFileAsync(
        ContentId manifestId, IReadOnlyList<ShardProvider> providers, Hash32? expectedRoot, string path, CancellationToken cancellationToken)
    {
        var result = await FetchAsync(manifestId, providers, expectedRoot, cancellationToken).ConfigureAwait(false);
        var temp = path + ".partial";
        await File.WriteAllBytesAsync(temp, result.Content, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
        return result;
    }

    private static async Task<ShardManifest> FetchManifestAsync(
        ContentId manifestId, IReadOnlyList<ShardProvider> providers, List<ProviderFailure> failures, HashSet<string> down, CancellationToken cancellationToken)
    {
        foreach (var provider in providers)
        {
            var bytes = await TryGetAsync(provider, null, manifestId, failures, down, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                continue;
            }

            if (ShardManifest.TryDecode(bytes, out var manifest, out var problem))
            {
                return manifest;
            }

            failures.Add(new ProviderFailure(provider.Name, null, $"{manifestId} is not a shard manifest: {problem}"));
        }

        throw new ModelFetchException($"no provider delivered the manifest {manifestId}", failures);
    }

    private static async Task<byte[]?> TryGetAsync(
        ShardProvider provider, int? shardIndex, ContentId id, List<ProviderFailure> failures, HashSet<string> down, CancellationToken cancellationToken)
    {
        try
        {
            return await provider.Store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (ShardProvider.IsProviderFault(error, cancellationToken))
        {
            // No HTTP status means the connection itself failed: the provider is down, skip it from now on.
            var unreachable = error is HttpRequestException { StatusCode: null };
            if (unreachable)
            {
                down.Add(provider.Name);
            }

            failures.Add(new ProviderFailure(provider.Name, shardIndex, (unreachable ? "unreachable: " : "") + error.Message));
            return null;
        }
    }
}
