// The Protocol's IModelChallengeChain over ModelChallenges and Project (Autonet.Chain bindings), for one node's key.
// A task's model is found by its round (Project.roundOfTask); a challenge first approves ModelChallenges for the
// challenge bond when the allowance is short, and sends the CID as its string.
using System.Globalization;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Node.Adapters;

/// <summary>One node's signed view of the challenge windows of published models.</summary>
public sealed class ContractChallenges(AutonetSystem system, SigningKey key, Action<TxRecord>? onTransaction = null) : IModelChallengeChain
{
    private const int BondsPerApproval = 16;

    public Address Account => key.Address;

    public async Task<PublicationView?> ReadPublicationAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var (projectId, round) = await RoundOfAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (round.IsZero || await system.Challenges.WindowOfAsync(projectId, round, cancellationToken).ConfigureAwait(false) is not { } window)
        {
            return null;
        }
        var model = await system.Project.ModelOfTaskAsync(projectId, taskId, cancellationToken).ConfigureAwait(false);
        var challenges = new List<ChallengeView>();
        foreach (var c in window.Challenges)
        {
            var voted = await system.Challenges.HasVotedAsync(projectId, round, c.Index, Account, cancellationToken).ConfigureAwait(false);
            challenges.Add(new ChallengeView(c.Index, c.Challenger, c.Cid, c.VoteDeadline, voted));
        }
        return new PublicationView(taskId, model?.Cid ?? "", window.Aggregator, window.ClosesAt, window.SettleAfter, window.Settled, window.Replaced, challenges);
    }

    public async Task ChallengeAsync(ulong taskId, ContentId model, Hash32 merkleRoot, CancellationToken cancellationToken)
    {
        var (projectId, round) = await RoundOfAsync(taskId, cancellationToken).ConfigureAwait(false);
        var bond = await system.Challenges.ChallengeBondAsync(cancellationToken).ConfigureAwait(false);
        await ApproveAsync(system, key, taskId, bond * BondsPerApproval, bond, onTransaction, cancellationToken).ConfigureAwait(false);
        Record("challenge", taskId, await system.Challenges.ChallengeAsync(key, projectId, round, model.ToString(), merkleRoot, cancellationToken).ConfigureAwait(false));
    }

    public async Task VoteAsync(ulong taskId, int index, bool upheld, CancellationToken cancellationToken)
    {
        var (projectId, round) = await RoundOfAsync(taskId, cancellationToken).ConfigureAwait(false);
        Record("challengeVote", taskId, await system.Challenges.VoteAsync(key, projectId, round, index, upheld, cancellationToken).ConfigureAwait(false));
    }

    public async Task SettleAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var (projectId, round) = await RoundOfAsync(taskId, cancellationToken).ConfigureAwait(false);
        Record("settleModel", taskId, await system.Challenges.SettleAsync(key, projectId, round, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Approves ModelChallenges for <paramref name="amount"/> when the sender's allowance is below <paramref name="needed"/> (one approval for many bonds).</summary>
    internal static async Task ApproveAsync(
        AutonetSystem system, SigningKey key, ulong taskId, System.Numerics.BigInteger amount, System.Numerics.BigInteger needed, Action<TxRecord>? onTransaction, CancellationToken cancellationToken)
    {
        var allowance = await system.Token.AllowanceAsync(key.Address, system.Challenges.Address, cancellationToken).ConfigureAwait(false);
        if (allowance < needed)
        {
            var receipt = await system.Token.ApproveAsync(key, system.Challenges.Address, amount, cancellationToken).ConfigureAwait(false);
            onTransaction?.Invoke(new TxRecord(key.Address, "approve", taskId, receipt.TransactionHash, receipt.BlockNumber, receipt.GasUsed.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private async Task<(System.Numerics.BigInteger ProjectId, System.Numerics.BigInteger Round)> RoundOfAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var projectId = await system.Tasks.ProjectOfAsync(taskId, cancellationToken).ConfigureAwait(false);
        return (projectId, await system.Project.RoundOfTaskAsync(projectId, taskId, cancellationToken).ConfigureAwait(false));
    }

    private void Record(string action, ulong taskId, TransactionReceipt receipt) =>
        onTransaction?.Invoke(new TxRecord(Account, action, taskId, receipt.TransactionHash, receipt.BlockNumber, receipt.GasUsed.ToString(CultureInfo.InvariantCulture)));
}
