using System.Numerics;
using Autonet.Chain.Abi;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>Typed wrapper of ResultsRewards: coordinators' commit-reveal votes, the committee draw, Yuma-style finalisation, and claims.</summary>
public sealed class ResultsRewards(Contract contract)
{
    public Contract Raw { get; } = contract;

    public Address Address => Raw.Address;

    private static readonly IReadOnlyList<AbiParameter> VoteFields =
    [
        new("taskId", AbiType.UInt256), new("coordinator", AbiType.AddressType), new("scores", AbiType.Parse("uint16[]")),
        new("invalid", AbiType.UInt256), new("badGroundTruth", AbiType.Parse("bool")), new("salt", AbiType.Parse("bytes32")),
    ];

    /// <summary>
    /// ResultsRewards.voteCommitment: keccak256(abi.encode(taskId, coordinator, scores, invalid, badGroundTruth, salt)),
    /// scores in <c>revealedSolvers</c> order; the coordinator inside makes a copied commitment useless to anyone else.
    /// </summary>
    public static Hash32 VoteCommitment(BigInteger taskId, Address coordinator, IReadOnlyList<ushort> scores, BigInteger invalid, bool badGroundTruth, Hash32 salt)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return Keccak256.Hash(AbiEncoder.Encode(VoteFields, [taskId, coordinator, scores.Select(s => (object)(BigInteger)s).ToArray(), invalid, badGroundTruth, salt]));
    }

    /// <summary>Commits to a hidden vote in the verify window (<see cref="VoteCommitment"/>); holds the stake until it is settled.</summary>
    public Task<TransactionReceipt> CommitVoteAsync(SigningKey coordinator, BigInteger taskId, Hash32 commitment, CancellationToken cancellationToken) =>
        Raw.SendAsync(coordinator, "commitVote", cancellationToken, taskId, commitment);

    /// <summary>Keeper duty after the verify deadline: anchors the committee draw to the current block.</summary>
    public Task<TransactionReceipt> DrawCommitteeAsync(SigningKey from, BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "drawCommittee", cancellationToken, taskId);

    /// <summary>
    /// Reveals the committed vote: one score per revealed solver, in <c>revealedSolvers</c> order (0..MAX_SCORE); bit j of
    /// <paramref name="invalid"/> flags solution j as unjudgeable (its score must be 0), and
    /// <paramref name="badGroundTruth"/> flags the task's validation set as unusable. Only a drawn committee member.
    /// </summary>
    public Task<TransactionReceipt> RevealVoteAsync(
        SigningKey coordinator, BigInteger taskId, IReadOnlyList<ushort> scores, BigInteger invalid, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken) =>
        Raw.SendAsync(coordinator, "revealVote", cancellationToken, taskId, scores.Select(s => (object)(uint)s).ToArray(), invalid, badGroundTruth, salt);

    /// <summary>After settlement: releases an uncounted committed vote's hold, slashing a drawn coordinator that never revealed.</summary>
    public Task<TransactionReceipt> SettleVoteAsync(SigningKey from, BigInteger taskId, Address coordinator, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "settleVote", cancellationToken, taskId, coordinator);

    /// <summary>Whether <paramref name="coordinator"/> sits on the committee of <paramref name="taskId"/> (false before the draw seed is known).</summary>
    public Task<bool> IsDrawnAsync(BigInteger taskId, Address coordinator, CancellationToken cancellationToken) =>
        Raw.CallAsync<bool>("isDrawn", cancellationToken, taskId, coordinator);

    /// <summary>The committee draw seed of <paramref name="taskId"/>; zero while it cannot be known yet.</summary>
    public async Task<Hash32> DrawSeedOfAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        new((byte[])(await Raw.CallAsync("drawSeedOf", cancellationToken, taskId).ConfigureAwait(false))[0]);

    /// <summary>The block the committee draw is anchored to (0 before drawCommittee).</summary>
    /// <summary>Whether every coordinator member of the task's project committed (the committee may be drawn before the verify deadline).</summary>
    public async Task<bool> VotesCompleteAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        (bool)(await Raw.CallAsync("votesComplete", cancellationToken, taskId).ConfigureAwait(false))[0];

    /// <summary>Whether every committer of the task revealed its vote (finalize may come before the vote-reveal deadline).</summary>
    public async Task<bool> VotesRevealedAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        (bool)(await Raw.CallAsync("votesRevealed", cancellationToken, taskId).ConfigureAwait(false))[0];

    public Task<BigInteger> DrawBlockOfAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("drawBlockOf", cancellationToken, taskId);

    /// <summary>End of the vote-reveal window (unix seconds): one verify window after the verify deadline.</summary>
    public Task<BigInteger> VoteRevealDeadlineOfAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        Raw.CallAsync<BigInteger>("voteRevealDeadlineOf", cancellationToken, taskId);

    /// <summary>Coordinators that committed a vote on <paramref name="taskId"/>, in commit order.</summary>
    public async Task<IReadOnlyList<Address>> CommittersOfAsync(BigInteger taskId, CancellationToken cancellationToken) =>
        ((object[])(await Raw.CallAsync("committersOf", cancellationToken, taskId).ConfigureAwait(false))[0]).Cast<Address>().ToList();

    /// <summary>The vote commitment of <paramref name="coordinator"/> (zero if none) and whether its vote is settled.</summary>
    public async Task<(Hash32 Commitment, bool Settled)> VoteCommitOfAsync(BigInteger taskId, Address coordinator, CancellationToken cancellationToken)
    {
        var values = await Raw.CallAsync("voteCommitOf", cancellationToken, taskId, coordinator).ConfigureAwait(false);
        return (new Hash32((byte[])values[0]), (bool)values[1]);
    }

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

    /// <summary>The scores <paramref name="coordinator"/> revealed on <paramref name="taskId"/>, in <c>revealedSolvers</c> order (empty before it revealed).</summary>
    public async Task<IReadOnlyList<ushort>> ScoresOfAsync(BigInteger taskId, Address coordinator, CancellationToken cancellationToken) =>
        ((object[])(await Raw.CallAsync("scoresOf", cancellationToken, taskId, coordinator).ConfigureAwait(false))[0]).Select(s => (ushort)(BigInteger)s).ToList();

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
