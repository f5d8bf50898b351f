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

    /// <summary>
    /// Votes one score per revealed solver, in <c>revealedSolvers</c> order (0..MAX_SCORE); bit j of
    /// <paramref name="invalid"/> flags solution j as unjudgeable (its score must be 0), and
    /// <paramref name="badGroundTruth"/> flags the task's validation set as unusable.
    /// </summary>
    public Task<TransactionReceipt> SubmitScoresAsync(
        SigningKey coordinator, BigInteger taskId, IReadOnlyList<ushort> scores, BigInteger invalid, bool badGroundTruth, CancellationToken cancellationToken) =>
        Raw.SendAsync(coordinator, "submitScores", cancellationToken, taskId, scores.Select(s => (object)(uint)s).ToArray(), invalid, badGroundTruth);

    public Task<TransactionReceipt> FinalizeAsync(SigningKey from, BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "finalize", cancellationToken, taskId);

    /// <summary>Claims what the sender is owed from a task and has not claimed (rewards, its bond back, keeper bounties);
    /// returns the receipt (RewardClaimed carries the amount).</summary>
    public Task<TransactionReceipt> ClaimAsync(SigningKey from, BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "claim", cancellationToken, taskId);

    public Task<BigInteger> RewardOfAsync(BigInteger taskId, Address account, CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("rewardOf", cancellationToken, taskId, account);

    /// <summary>What <paramref name="account"/> is owed from <paramref name="taskId"/> and has not claimed yet.</summary>
    public Task<BigInteger> UnclaimedOfAsync(BigInteger taskId, Address account, CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("unclaimedOf", cancellationToken, taskId, account);

    /// <summary>Whether <paramref name="solver"/>'s bond in <paramref name="taskId"/> was forfeited (after finalization).</summary>
    public Task<bool> BondForfeitedAsync(BigInteger taskId, Address solver, CancellationToken cancellationToken) =>
        Raw.CallAsync<bool>("bondForfeited", cancellationToken, taskId, solver);

    /// <summary>Coordinators that voted on <paramref name="taskId"/>, in vote order.</summary>
    public async Task<IReadOnlyList<Address>> VotersOfAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        ((object[])(await Raw.CallAsync("votersOf", cancellationToken, taskId).ConfigureAwait(false))[0]).Cast<Address>().ToList();

    /// <summary>The pools of <paramref name="taskId"/> and what remains unclaimed (all zero and closed before it was proposed).</summary>
    public async Task<RewardPool> PoolOfAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        RewardPool.FromAbi((object[])(await Raw.CallAsync("poolOf", cancellationToken, taskId).ConfigureAwait(false))[0]);

    /// <summary>Consensus score (0..MAX_SCORE) of <paramref name="solver"/>'s solution, after finalization.</summary>
    public async Task<ushort> ConsensusOfAsync(BigInteger taskId, Address solver, CancellationToken cancellationToken) =>
        (ushort)await Raw.CallAsync<BigInteger>("consensusOf", cancellationToken, taskId, solver).ConfigureAwait(false);

    public async Task<ushort> AgreementOfAsync(BigInteger taskId, Address coordinator, CancellationToken cancellationToken) =>
        (ushort)await Raw.CallAsync<BigInteger>("agreementOf", cancellationToken, taskId, coordinator).ConfigureAwait(false);

    public async Task<ushort> MaxScoreAsync(CancellationToken cancellationToken) =>
        (ushort)await Raw.CallAsync<BigInteger>("MAX_SCORE", cancellationToken).ConfigureAwait(false);
}
