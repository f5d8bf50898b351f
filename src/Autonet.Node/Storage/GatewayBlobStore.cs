// Where a node keeps the blobs that are not sharded models (deltas, validation sets, model cards): the gateways its
// config.yaml names (storage.gateways), then the storage providers announced on chain (ProviderRegistry), so a node
// made by `node init` alone stores and finds them with nothing configured. A write goes to the first that takes it
// (gateways first, then active providers), and one written to a gateway is copied to one active provider too, so a
// node that knows only the chain finds it (a task spec, a delta); a read asks each in turn and takes the first that holds the bytes (each
// checked against the CID by HttpBlobStore). It says "not found" only when every source answered; when one failed
// and none held the blob, it throws that failure, so a caller retries instead of taking the blob as missing.
using Autonet.Chain.Contracts;
using Autonet.Core.Ids;
using Autonet.Node.Adapters;
using Autonet.Storage.Blobs;

namespace Autonet.Node.Storage;

/// <summary>Blobs on the configured gateways, else on the providers the chain lists.</summary>
public sealed class GatewayBlobStore(AutonetSystem system, HttpClient http, string? uploadToken, IReadOnlyList<Uri> gateways) : Protocol.Ports.IBlobStore
{
    /// <inheritdoc/>
    /// <exception cref="HttpRequestException">No gateway or provider took the blob (the message lists each one's failure).</exception>
    public async Task<ContentId> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var providers = (await ProvidersAsync(active: true, cancellationToken).ConfigureAwait(false)).ToList();
        foreach (var (name, store) in gateways.Select(Named).Concat(providers))
        {
            try
            {
                var id = await store.PutAsync(content, cancellationToken).ConfigureAwait(false);
                if (gateways.Count > 0 && providers.Count > 0 && !providers.Any(p => p.Item2 == store))
                {
                    await CopyToAProviderAsync(content, id, providers, cancellationToken).ConfigureAwait(false);
                }
                return id;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{name}: {e.Message}");
            }
        }
        throw new HttpRequestException(failures.Count == 0
            ? "no blob store to write to: storage.gateways is empty and ProviderRegistry lists no active provider; rule: `autonet config set storage.gateways URL`, or wait for a provider to announce itself (`autonet provider list`)"
            : $"no blob store took the {content.Length}-byte blob: {string.Join("; ", failures)}");
    }

    // A blob written to a configured gateway (one only this node's operator may know) is also given to one provider
    // on chain (picked by the CID, so the load spreads), so a node that knows only the chain finds it. Best effort:
    // the next provider is tried, and with none taking it the blob is still on the gateway.
    private static async Task CopyToAProviderAsync(ReadOnlyMemory<byte> content, ContentId id, List<(string, BlobStoreAdapter)> providers, CancellationToken cancellationToken)
    {
        var start = (int)(BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id.ToString())), 0) % (uint)providers.Count);
        for (var i = 0; i < providers.Count; i++)
        {
            try
            {
                await providers[(start + i) % providers.Count].Item2.PutAsync(content, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // the next provider
            }
        }
    }

    /// <inheritdoc/>
    public async Task<byte[]?> GetAsync(ContentId id, CancellationToken cancellationToken)
    {
        Exception? failed = null;
        foreach (var (_, store) in gateways.Select(Named).Concat(await ProvidersAsync(active: false, cancellationToken).ConfigureAwait(false)))
        {
            try
            {
                if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } bytes)
                {
                    return bytes;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or Core.ContentMismatchException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failed = e; // another source may hold it
            }
        }
        return failed is null ? null : throw failed;
    }

    private (string, BlobStoreAdapter) Named(Uri gateway) => (gateway.ToString(), new BlobStoreAdapter(new HttpBlobStore(http, gateway, uploadToken: uploadToken)));

    // The providers' gateways, after the configured ones (a provider already among them is not asked twice).
    private async Task<IEnumerable<(string, BlobStoreAdapter)>> ProvidersAsync(bool active, CancellationToken cancellationToken)
    {
        var listings = await system.Providers.ListAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<(string, BlobStoreAdapter)>();
        foreach (var listing in listings.DistinctBy(l => l.Gateway))
        {
            if (gateways.Contains(listing.Gateway) || (active && !await system.Providers.IsActiveAsync(listing.Provider, cancellationToken).ConfigureAwait(false)))
            {
                continue;
            }
            found.Add(($"provider {listing.Provider} ({listing.Gateway})", new BlobStoreAdapter(new HttpBlobStore(http, listing.Gateway, uploadToken: uploadToken))));
        }
        return found;
    }
}
