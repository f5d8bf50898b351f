// The Protocol's blob port for a node on a network with providers: a model sharded on chain (ModelLocator) is rebuilt
// from any k proven shards of its providers (ModelFetcher: each shard against the on-chain root, the rebuilt bytes
// against the CID); anything else (deltas, validation sets, cards, models placed before providers existed) is read
// from the node's gateway. Writes go to the gateway.
using Autonet.Core.Ids;
using Autonet.Storage.Sharding;

namespace Autonet.Node.Storage;

/// <summary>Reads sharded models from the providers the chain names, other blobs from the gateway.</summary>
public sealed class ChainBlobStore(Protocol.Ports.IBlobStore gateway, ModelLocator locator) : Protocol.Ports.IBlobStore
{
    /// <summary>What the last sharded fetch routed around (providers down, bad bytes); empty when none.</summary>
    public IReadOnlyList<ProviderFailure> LastFailures { get; private set; } = [];

    /// <inheritdoc/>
    public Task<ContentId> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => gateway.PutAsync(content, cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="ModelFetchException">The model is sharded on chain, too few shards could be fetched, and the gateway does not hold it whole.</exception>
    public async Task<byte[]?> GetAsync(ContentId id, CancellationToken cancellationToken)
    {
        ModelFetchException? failed = null;
        foreach (var location in await locator.LocateAsync(id, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var fetched = await ModelFetcher.FetchAsync(location, cancellationToken).ConfigureAwait(false);
                LastFailures = fetched.Failures;
                return fetched.Content;
            }
            catch (ModelFetchException e)
            {
                failed = e; // another registration, or the whole file on the gateway, may still serve it
            }
        }
        if (failed is null)
        {
            return await gateway.GetAsync(id, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            return await gateway.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw failed;
        }
        catch (HttpRequestException)
        {
            throw failed; // the gateway is down too: the shards' failures say more
        }
    }
}
