// The storage providers a node finds on chain: ProviderRegistry's listings whose stake still holds (isActive), each as
// a ShardProvider over its gateway that carries the provider's account, so placements can name it on ModelShardRegistry.
using Autonet.Chain.Contracts;
using Autonet.Core.Ids;
using Autonet.Storage.Blobs;
using Autonet.Storage.Sharding;

namespace Autonet.Node.Storage;

/// <summary>Lists the active providers of a deployment.</summary>
public static class ProviderDirectory
{
    /// <summary>Every active provider, in ProviderRegistry's order; uploads carry <paramref name="uploadToken"/> when given.</summary>
    public static async Task<IReadOnlyList<ShardProvider>> ActiveAsync(AutonetSystem system, HttpClient http, string? uploadToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        var providers = new List<ShardProvider>();
        foreach (var listing in await system.Providers.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await system.Providers.IsActiveAsync(listing.Provider, cancellationToken).ConfigureAwait(false))
            {
                providers.Add(Provider(http, listing, uploadToken));
            }
        }
        return providers;
    }

    /// <summary>Every listed provider's gateway by account, active or not (a fetch still tries a holder whose stake fell).</summary>
    public static async Task<IReadOnlyDictionary<Address, ShardProvider>> ListedAsync(AutonetSystem system, HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        return (await system.Providers.ListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(l => l.Provider)
            .ToDictionary(g => g.Key, g => Provider(http, g.First(), null));
    }

    private static ShardProvider Provider(HttpClient http, ProviderListing listing, string? uploadToken) =>
        new($"{listing.Provider} ({listing.Gateway})", new HttpBlobStore(http, listing.Gateway, uploadToken: uploadToken), listing.Provider);
}
