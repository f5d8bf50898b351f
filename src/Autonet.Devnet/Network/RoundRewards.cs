// What a round paid, as both run modes record it: per node the amount owed from the task (claimed by the lockstep run
// with the node's key, or read by the observer: ResultsRewards.rewardOf, claimed or not), a solver's returned bond
// split out of it (or "forfeited"), and every node's stake after the round; and the Merkle root of a model recomputed
// from its bytes, independently of what the aggregator placed.
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Core.Ids;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Network;

/// <summary>Records a round's rewards, bonds and stakes, and recomputes a model's root.</summary>
internal static class RoundRewards
{
    /// <summary>Fills RewardsAtn (beyond a returned bond), BondsAtn and StakesAtn of <paramref name="rr"/>; <paramref name="amountOf"/> is what a node got from the task.</summary>
    public static async Task RecordAsync(AutonetSystem contracts, RoundReport rr, ulong taskId, IReadOnlyList<ObservedNode> nodes, Func<ObservedNode, Task<BigInteger>> amountOf, CancellationToken ct)
    {
        var pool = await contracts.Rewards.PoolOfAsync(taskId, ct).ConfigureAwait(false);
        var committed = await contracts.Tasks.CommittedSolversAsync(taskId, ct).ConfigureAwait(false);
        foreach (var node in nodes)
        {
            var amount = await amountOf(node).ConfigureAwait(false);
            if (committed.Contains(node.Address))
            {
                var forfeited = await contracts.Rewards.BondForfeitedAsync(taskId, node.Address, ct).ConfigureAwait(false);
                var back = forfeited ? BigInteger.Zero : BigInteger.Min(amount, pool.SolverBond);
                rr.BondsAtn[node.Name] = forfeited ? "forfeited" : Atn.Format(back);
                amount -= back;
            }
            if (!amount.IsZero)
            {
                rr.RewardsAtn[node.Name] = Atn.Format(amount);
            }
            rr.StakesAtn[node.Name] = Atn.Format(await contracts.Staking.StakeOfAsync(node.Address, node.Staking, ct).ConfigureAwait(false));
        }
    }

    /// <summary>The Merkle root of the shards of model <paramref name="cid"/>, recomputed from its bytes; null when the store lacks it.</summary>
    public static async Task<string?> RecomputeRootAsync(IBlobStore blobs, string cid, CancellationToken ct)
    {
        var bytes = await blobs.GetAsync(ContentId.Parse(cid), ct).ConfigureAwait(false);
        return bytes is null ? null : Autonet.Storage.Sharding.ModelSharder.Split(bytes, ShardedModelStore.DataShards, ShardedModelStore.ParityShards).Manifest.MerkleRoot.ToString();
    }
}
