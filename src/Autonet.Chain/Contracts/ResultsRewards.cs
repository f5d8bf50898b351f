using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>Typed wrapper of ResultsRewards: coordinators' score votes, Yuma-style finalisation, and claims.</summary>
public sealed class ResultsRewards(Contract contract)
{
    public Contract Raw { get; } = contract;

    public Address Address => Raw.Address;

    /// <summary>Votes one score per revealed solver, in <c>revealedSolvers</c> order (0..MAX_SCORE).</summary>
    public Task<TransactionReceipt> SubmitScoresAsync(SigningKey coordinator, BigInteger taskId, IReadOnlyList<ushort> scores, CancellationToken cancellationToken) =>
        Raw.SendAsync(coordinator, "submitScores", cancellationToken, taskId, scores.Select(s => (object)(uint)s).ToArray());

    public Task<TransactionReceipt> FinalizeAsync(SigningKey from, BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "finalize", cancellationToken, taskId);

    /// <summary>Claims the sender's reward for a finalised task; returns the receipt (RewardClaimed carries the amount).</summary>
    public Task<TransactionReceipt> ClaimAsync(SigningKey from, BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "claim", cancellationToken, taskId);

    public Task<BigInteger> RewardOfAsync(BigInteger taskId, Address account, CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("rewardOf", cancellationToken, taskId, account);

    public async Task<ushort> ConsensusOfAsync(BigInteger taskId, Address solver, CancellationToken cancellationToken) =>
        (ushort)await Raw.CallAsync<BigInteger>("consensusOf", cancellationToken, taskId, solver).ConfigureAwait(false);

    public async Task<ushort> AgreementOfAsync(BigInteger taskId, Address coordinator, CancellationToken cancellationToken) =>
        (ushort)await Raw.CallAsync<BigInteger>("agreementOf", cancellationToken, taskId, coordinator).ConfigureAwait(false);

    public async Task<ushort> MaxScoreAsync(CancellationToken cancellationToken) =>
        (ushort)await Raw.CallAsync<BigInteger>("MAX_SCORE", cancellationToken).ConfigureAwait(false);
}
