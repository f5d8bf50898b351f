// Where a model's shards are, as ModelShardRegistry says: the newest placed registration of its CID, its k + m, how
// many shards went to each provider (by the run's provider names), and how many shards have an announced holder.
using Autonet.Chain.Contracts;
using Autonet.Core.Ids;

namespace Autonet.Devnet.Network;

/// <summary>A model's placement on ModelShardRegistry.</summary>
public sealed record PlacementReport(string ModelId, string ManifestCid, int DataShards, int ParityShards, IReadOnlyDictionary<string, int> ShardsByProvider, int Announced)
{
    /// <summary>One line for the report: "model 2: 6 shards (4 + 2) on 3 providers, 6 announced".</summary>
    public override string ToString() =>
        $"model {ModelId}: {DataShards + ParityShards} shards ({DataShards} + {ParityShards}) on {ShardsByProvider.Count} providers, {Announced} announced";

    /// <summary>The placement of <paramref name="cid"/>; null when it is not sharded on chain (placed on the run's gateway).</summary>
    public static async Task<PlacementReport?> ReadAsync(AutonetSystem contracts, string cid, IReadOnlyDictionary<Address, string> providerNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(providerNames);
        foreach (var id in (await contracts.Shards.ModelsOfCidAsync(cid, cancellationToken).ConfigureAwait(false)).Reverse())
        {
            if (await contracts.Shards.PlacementOfAsync(id, cancellationToken).ConfigureAwait(false) is not { } placement)
            {
                continue; // registered, never placed
            }
            var model = await contracts.Shards.GetModelAsync(id, cancellationToken).ConfigureAwait(false);
            var (held, _, _) = await contracts.Shards.AvailabilityAsync(id, cancellationToken).ConfigureAwait(false);
            var byProvider = placement.Providers.GroupBy(p => providerNames.TryGetValue(p, out var name) ? name : p.ToString())
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
            return new PlacementReport(id.ToString(System.Globalization.CultureInfo.InvariantCulture), placement.ManifestCid, model.DataShards, model.ParityShards, byProvider, (int)held);
        }
        return null;
    }
}
