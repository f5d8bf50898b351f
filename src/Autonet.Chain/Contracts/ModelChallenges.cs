using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;

namespace Autonet.Chain.Contracts;

/// <summary>
/// Typed wrapper of ModelChallenges: the challenge window each task model opens (the aggregator's bond and held stake),
/// challenges naming the model a challenger recomputed, coordinators' re-execution votes, and settlement (anyone, once
/// every deadline passed), which replaces an upheld model and makes it final.
/// </summary>
public sealed class ModelChallenges(Contract contract)
{
    public Contract Raw { get; } = contract;

    public Autonet.Core.Ids.Address Address => Raw.Address;

    /// <summary>The bond an aggregator posts with each task's model (approve this contract for it).</summary>
    public Task<BigInteger> AggregatorBondAsync(CancellationToken cancellationToken) => Raw.CallAsync<BigInteger>("AGGREGATOR_BOND", cancellationToken);

    /// <summary>The bond a challenger posts.</summary>
    public Task<BigInteger> ChallengeBondAsync(CancellationToken cancellationToken) => Raw.CallAsync<BigInteger>("CHALLENGE_BOND", cancellationToken);

    /// <summary>Challenges the model of <paramref name="round"/> with the one the sender recomputed; returns the receipt.</summary>
    /// <exception cref="ChainException">It reverted: <c>WindowClosed</c>, <c>NotStaked</c>, <c>SameModel</c>, <c>ConflictOfInterest</c>, <c>TooManyChallenges</c>.</exception>
    public Task<TransactionReceipt> ChallengeAsync(SigningKey from, BigInteger projectId, BigInteger round, string cid, Autonet.Core.Ids.Hash32 merkleRoot, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "challenge", cancellationToken, projectId, round, cid, merkleRoot);

    /// <summary>A coordinator's vote on challenge <paramref name="index"/>: upheld when its own recomputation gave the challenger's model.</summary>
    public Task<TransactionReceipt> VoteAsync(SigningKey from, BigInteger projectId, BigInteger round, int index, bool upheld, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "vote", cancellationToken, projectId, round, new BigInteger(index), upheld);

    /// <summary>Resolves every challenge of <paramref name="round"/> and makes its model final (anyone, after every deadline).</summary>
    public Task<TransactionReceipt> SettleAsync(SigningKey from, BigInteger projectId, BigInteger round, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "settle", cancellationToken, projectId, round);

    /// <summary>The window of <paramref name="round"/>; null when none was opened (the genesis model, or no such round).</summary>
    public async Task<ChallengeWindow?> WindowOfAsync(BigInteger projectId, BigInteger round, CancellationToken cancellationToken)
    {
        var w = (object[])(await Raw.CallAsync("windowOf", cancellationToken, projectId, round).ConfigureAwait(false))[0];
        var challenges = (object[])(await Raw.CallAsync("challengesOf", cancellationToken, projectId, round).ConfigureAwait(false))[0];
        return (bool)w[5] ? ChallengeWindow.FromAbi(round, w, challenges) : null;
    }

    /// <summary>Whether <paramref name="account"/> voted on challenge <paramref name="index"/> of <paramref name="round"/>.</summary>
    public Task<bool> HasVotedAsync(BigInteger projectId, BigInteger round, int index, Autonet.Core.Ids.Address account, CancellationToken cancellationToken) =>
        Raw.CallAsync<bool>("hasVoted", cancellationToken, projectId, round, new BigInteger(index), account);
}
