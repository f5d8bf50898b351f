// `--unstake-before-settle`: the first coordinator tries to leave with its whole stake while a judgment of it may still
// be due (after its vote is revealed, before the forced error is revealed and the task settles), as the old stake lock
// allowed: it ended one day after the verify deadline, so a lazy coordinator unstaked before its miss was judged and
// paid no penalty. Chain time first moves past the stake's own lock, so only ParticipantStaking's hold (placed by
// commitVote, released at finalize or settleVote) stands in the way. After settlement the same call goes through.
using Autonet.Chain.Contracts;

namespace Autonet.Devnet.Network;

/// <summary>One attempt to withdraw a node's whole stake; returns what happened, in words.</summary>
internal static class EarlyUnstake
{
    public static async Task<string> TryAsync(NetworkSetup net, NetworkNode node, string when, CancellationToken ct)
    {
        var staking = net.Contracts.Staking;
        var stake = await staking.StakeOfAsync(node.Address, node.Staking, ct).ConfigureAwait(false);
        if (stake.IsZero)
        {
            return $"{when}: nothing staked";
        }
        await NetworkRunner.AdvancePastAsync(net, await staking.UnlockTimeOfAsync(node.Address, node.Staking, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        net.Client.ResetNonces();
        try
        {
            await staking.UnstakeAsync(node.Key, node.Staking, stake, ct).ConfigureAwait(false);
            return $"{when}: withdrew {Atn.Format(stake)} ATN";
        }
        catch (Autonet.Chain.ChainException e)
        {
            net.Client.ResetNonces();
            return $"{when}: refused: {e.Message}";
        }
    }
}
