// The keeper's sweep after a task settled: every committed vote that was never counted and is not settled yet goes
// through ResultsRewards.settleVote, which releases its hold and slashes a drawn committer that never revealed (an
// undrawn one has usually released its own hold already). Without it a coordinator that commits and then withholds or
// botches its reveal (copy-votes) would keep its stake held but unslashed. Sent with the keeper node's key.
using System.Globalization;
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Rpc;
using Autonet.Node.Adapters;

namespace Autonet.Devnet.Network;

/// <summary>Settles the uncounted votes of a settled task; returns each one's penalty (ATN) by coordinator name.</summary>
internal static class VoteSettlement
{
    public static async Task<Dictionary<string, string>> SettleAsync(
        NetworkSetup net, NetworkNode keeper, ulong taskId, Action<TxRecord> onTransaction, CancellationToken ct)
    {
        var rewards = net.Contracts.Rewards;
        var voters = await rewards.VotersOfAsync(taskId, ct).ConfigureAwait(false);
        var settled = new Dictionary<string, string>();
        foreach (var coordinator in await rewards.CommittersOfAsync(taskId, ct).ConfigureAwait(false))
        {
            if (voters.Contains(coordinator) || (await rewards.VoteCommitOfAsync(taskId, coordinator, ct).ConfigureAwait(false)).Settled)
            {
                continue;
            }
            net.Client.ResetNonces();
            TransactionReceipt receipt;
            try
            {
                receipt = await rewards.SettleVoteAsync(keeper.Key, taskId, coordinator, ct).ConfigureAwait(false);
            }
            catch (Autonet.Chain.ChainException e) when (e.Revert?.Name == "VoteSettled")
            {
                continue; // an undrawn coordinator (its own daemon) released its hold in between
            }
            onTransaction(new TxRecord(keeper.Address, "settleVote", taskId, receipt.TransactionHash, receipt.BlockNumber, receipt.GasUsed.ToString(CultureInfo.InvariantCulture)));
            var penalty = rewards.Raw.Events(receipt, "VoteNotRevealed").Select(e => (BigInteger)e["penalty"]).FirstOrDefault();
            settled[net.Nodes.FirstOrDefault(n => n.Address == coordinator)?.Name ?? coordinator.ToString()] = Atn.Format(penalty);
        }
        return settled;
    }
}
