using Autonet.Core.Ids;
using Autonet.Storage.Blobs;

namespace Autonet.Storage.Sharding;

/// <summary>
/// <c>autonet model fetch</c>: read the manifest from any provider, then collect k shards that pass their Merkle proof
/// against the expected root, asking for shard i the providers the location names for it (or, given only a list,
/// the one it was published to first, i mod P, then the others). Reads are bounded by the manifest's sizes; providers
/// that cannot be reached are dropped for the rest of the fetch; missing or bad shards are rebuilt from parity and the
/// rebuilt file must hash to the model's CID. Sequential, in memory; it does not rank providers by speed.
/// </summary>
public static class ModelFetcher
{
    /// <summary>Fetches the model whose manifest has id <paramref name="manifestId"/> from <paramref name="providers"/>.</summary>
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
        var manifest = await FetchManifestAsync(manifestId, providers, ShardManifest.EncodedLength(256), failures, down, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelFetchException($"no provider delivered the manifest {manifestId}", failures);
        var root = expectedRoot ?? manifest.MerkleRoot;
        if (root != manifest.MerkleRoot)
        {
            throw new ModelFetchException($"manifest {manifestId} has Merkle root {manifest.MerkleRoot}, expected {root} (from the chain)", failures);
        }

        var holders = Enumerable.Range(0, manifest.TotalShards)
            .Select(i => (IReadOnlyList<ShardProvider>)[.. Enumerable.Range(0, providers.Count).Select(attempt => providers[(i + attempt) % providers.Count])])
            .ToArray();
        return await CollectAsync(manifestId, manifest, root, holders, failures, down, reportMissing: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fetches the model at <paramref name="location"/>: a manifest that matches the location's root, code and model
    /// CID (from any of its providers), then any k proven shards from each index's holders.
    /// </summary>
    /// <exception cref="ModelFetchException">No matching manifest, or fewer than k good shards; lists every provider failure.</exception>
    public static async Task<FetchResult> FetchAsync(ModelLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var total = location.DataShards + location.ParityShards;
        if (location.Holders.Count != total)
        {
            Errors.Argument(nameof(location), $"the location names holders for {location.Holders.Count} shards, the code {location.DataShards} + {location.ParityShards} has {total}");
        }

        var failures = new List<ProviderFailure>();
        var down = new HashSet<string>();
        var everyone = location.Holders.SelectMany(h => h).DistinctBy(p => p.Name).ToList();
        var manifest = await FetchManifestAsync(location.Manifest, everyone, ShardManifest.EncodedLength(total), failures, down, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelFetchException($"no provider delivered the manifest {location.Manifest} of model {location.Model}", failures);
        // The store checked the manifest's bytes against its id; that it describes this model is checked here.
        var problem = manifest.MerkleRoot != location.MerkleRoot ? $"Merkle root {manifest.MerkleRoot}, the chain has {location.MerkleRoot}"
            : manifest.DataShards != location.DataShards || manifest.ParityShards != location.ParityShards ? $"code {manifest.DataShards} + {manifest.ParityShards}, the chain has {location.DataShards} + {location.ParityShards}"
            : manifest.Content != location.Model ? $"content {manifest.Content}, the chain's model is {location.Model}"
            : null;
        if (problem is not null)
        {
            throw new ModelFetchException($"manifest {location.Manifest} does not describe the registered model: {problem}", failures);
        }

        return await CollectAsync(location.Manifest, manifest, location.MerkleRoot, location.Holders, failures, down, reportMissing: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches and writes the model to <paramref name="path"/> atomically (temp file, then rename).</summary>
    public static async Task<FetchResult> FetchToFileAsync(
        ContentId manifestId, IReadOnlyList<ShardProvider> providers, Hash32? expectedRoot, string path, CancellationToken cancellationToken)
    {
        var result = await FetchAsync(manifestId, providers, expectedRoot, cancellationToken).ConfigureAwait(false);
        await WriteAsync(result, path, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Writes a fetched model to <paramref name="path"/> atomically (temp file, then rename).</summary>
    public static async Task WriteAsync(FetchResult result, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var temp = path + ".partial";
        await File.WriteAllBytesAsync(temp, result.Content, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    private static async Task<FetchResult> CollectAsync(
        ContentId manifestId, ShardManifest manifest, Hash32 root, IReadOnlyList<IReadOnlyList<ShardProvider>> holders,
        List<ProviderFailure> failures, HashSet<string> down, bool reportMissing, CancellationToken cancellationToken)
    {
        var shards = new byte[]?[manifest.TotalShards];
        var collected = 0;
        for (var i = 0; i < manifest.TotalShards && collected < manifest.DataShards; i++)
        {
            foreach (var provider in holders[i])
            {
                if (down.Contains(provider.Name))
                {
                    continue;
                }

                var bytes = await TryGetAsync(provider, i, manifest.ShardId(i), manifest.ShardSize, failures, down, reportMissing, cancellationToken).ConfigureAwait(false);
                if (bytes is null)
                {
                    continue;
                }

                // Do not trust the store's own check: prove the bytes against the root.
                if (manifest.VerifyShard(i, bytes, root, out var problem))
                {
                    shards[i] = bytes;
                    collected++;
                    break;
                }

                failures.Add(new ProviderFailure(provider.Name, i, problem));
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

    private static async Task<ShardManifest?> FetchManifestAsync(
        ContentId manifestId, IReadOnlyList<ShardProvider> providers, int maxBytes, List<ProviderFailure> failures, HashSet<string> down, CancellationToken cancellationToken)
    {
        foreach (var provider in providers)
        {
            if (down.Contains(provider.Name))
            {
                continue;
            }

            var bytes = await TryGetAsync(provider, null, manifestId, maxBytes, failures, down, reportMissing: false, cancellationToken).ConfigureAwait(false);
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

        return null;
    }

    private static async Task<byte[]?> TryGetAsync(
        ShardProvider provider, int? shardIndex, ContentId id, long maxBytes, List<ProviderFailure> failures, HashSet<string> down, bool reportMissing, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await provider.Store.GetAsync(id, maxBytes, cancellationToken).ConfigureAwait(false);
            if (bytes is null && reportMissing)
            {
                failures.Add(new ProviderFailure(provider.Name, shardIndex, $"does not hold {id}"));
            }
            return bytes;
        }
        catch (Exception error) when (ShardProvider.IsProviderFault(error, cancellationToken))
        {
            // No HTTP status (or no answer in time) means the connection itself failed: skip the provider from now on.
            var unreachable = error is HttpRequestException { StatusCode: null } or TimeoutException;
            if (unreachable)
            {
                down.Add(provider.Name);
            }

            failures.Add(new ProviderFailure(provider.Name, shardIndex, (unreachable ? "unreachable: " : "") + error.Message));
            return null;
        }
    }
}
