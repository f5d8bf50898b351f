// Finds a sharded model from the chain alone: ModelShardRegistry's registration (CID of the model bytes, Merkle root,
// k + m) and placement (manifest CID, the provider of each shard), the providers announcing each shard, and their
// gateways from ProviderRegistry. Anyone may register any CID, so a CID's registrations are tried newest first, at
// most MaxRegistrations of them, and only placed ones count; the fetch proves every byte, so a bogus one only fails.
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Core.Ids;
using Autonet.Storage.Sharding;

namespace Autonet.Node.Storage;

/// <summary>Builds <see cref="ModelLocation"/>s from the chain.</summary>
public sealed class ModelLocator(AutonetSystem system, HttpClient http)
{
    /// <summary>Registrations of one CID looked at, newest first.</summary>
    public const int MaxRegistrations = 8;

    /// <summary>The newest placed registrations of <paramref name="model"/>, newest first; empty when it is not sharded on chain.</summary>
    public async Task<IReadOnlyList<ModelLocation>> LocateAsync(ContentId model, CancellationToken cancellationToken)
    {
        var ids = await system.Shards.ModelsOfCidAsync(model.ToString(), cancellationToken).ConfigureAwait(false);
        var locations = new List<ModelLocation>();
        foreach (var id in ids.Reverse().Take(MaxRegistrations))
        {
            if (await TryLocateAsync(id, cancellationToken).ConfigureAwait(false) is { } location)
            {
                locations.Add(location);
            }
        }
        return locations;
    }

    /// <summary>Model <paramref name="modelId"/> of ModelShardRegistry; null when its shards were never placed or its ids do not parse.</summary>
    /// <exception cref="Chain.ChainException">No such model (UnknownModel).</exception>
    public async Task<ModelLocation?> TryLocateAsync(BigInteger modelId, CancellationToken cancellationToken)
    {
        var model = await system.Shards.GetModelAsync(modelId, cancellationToken).ConfigureAwait(false);
        var placement = await system.Shards.PlacementOfAsync(modelId, cancellationToken).ConfigureAwait(false);
        if (placement is null || !ContentId.TryParse(model.Cid, out var cid) || !ContentId.TryParse(placement.ManifestCid, out var manifest))
        {
            return null;
        }
        var gateways = await ProviderDirectory.ListedAsync(system, http, cancellationToken).ConfigureAwait(false);
        var holders = new List<IReadOnlyList<ShardProvider>>();
        for (var i = 0; i < placement.Providers.Count; i++)
        {
            var announced = await system.Shards.ProvidersOfAsync(modelId, i, cancellationToken).ConfigureAwait(false);
            holders.Add([.. new[] { placement.Providers[i] }.Concat(announced).Distinct()
                .Where(gateways.ContainsKey).Select(account => gateways[account])]);
        }
        return new ModelLocation(cid, manifest, model.MerkleRoot, model.DataShards, model.ParityShards, holders);
    }
}
