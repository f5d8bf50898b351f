using Autonet.Core.Ids;

namespace Autonet.Protocol.Ports;

/// <summary>
/// A task as the chain reports it, reduced to what the roles act on. Deadlines are the chain's; roles compare
/// them with their <see cref="TimeProvider"/>, the contract enforces them.
/// </summary>
public sealed record TaskView
{
    public required ulong TaskId { get; init; }
    public required ulong ProjectId { get; init; }
    public required Address Proposer { get; init; }
    public required ContentId BaseModel { get; init; }
    public required string TrainingSpec { get; init; }
    /// <summary>When the task was proposed; once its commit window has passed since, anyone may open its commits.</summary>
    public required DateTimeOffset ProposedAt { get; init; }

    /// <summary>The task's commit window (also the delay after which anyone may open commits).</summary>
    public required TimeSpan CommitWindow { get; init; }

    /// <summary>The task's reveal window (the proposer's, after the commit deadline, and then the solvers').</summary>
    public required TimeSpan RevealWindow { get; init; }

    /// <summary>End of the commit window; <see cref="DateTimeOffset.UnixEpoch"/> while commits are not open.</summary>
    public required DateTimeOffset CommitDeadline { get; init; }
    public required DateTimeOffset RevealDeadline { get; init; }
    public required DateTimeOffset VerifyDeadline { get; init; }

    /// <summary>The proposer's commitment to its hidden validation set (keccak256(abi.encode(proposer, gtCid, salt))).</summary>
    public required Hash32 GroundTruthCommitment { get; init; }

    /// <summary>The validation set, once the proposer has revealed it; null before.</summary>
    public ContentId? GroundTruth { get; init; }

    /// <summary>
    /// The task's randomness for validation masks, fixed when the ground truth is revealed from the proposer's secret
    /// salt and a block hash after the commit deadline, so no solver knew it while committing; zero before.
    /// </summary>
    public Hash32 Seed { get; init; }

    /// <summary>While committing: every member solver of the project committed, so the ground truth may come before <see cref="CommitDeadline"/> (TaskContract.commitsComplete).</summary>
    public bool CommitsComplete { get; init; }

    /// <summary>While revealing: every committed solver revealed, so reveals may close before <see cref="RevealDeadline"/> (TaskContract.revealsComplete).</summary>
    public bool RevealsComplete { get; init; }

    /// <summary>While verifying and not drawn: every coordinator member of the project committed, so the committee may be drawn before <see cref="VerifyDeadline"/> (votesComplete).</summary>
    public bool VotesComplete { get; init; }

    /// <summary>While verifying: every vote committer revealed, so the task may finalize before <see cref="VoteRevealDeadline"/> (votesRevealed).</summary>
    public bool VotesRevealed { get; init; }

    /// <summary>Every commitment and, once revealed, its delta, in commit order.</summary>
    public IReadOnlyList<SolutionView> Solutions { get; init; } = [];

    /// <summary>End of the vote-reveal window (one verify window after <see cref="VerifyDeadline"/>); the Unix epoch before.</summary>
    public DateTimeOffset VoteRevealDeadline { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>Coordinators that committed a hidden vote, in commit order.</summary>
    public IReadOnlyList<Address> VoteCommitters { get; init; } = [];

    /// <summary>Whether a keeper anchored the committee draw (after the verify deadline).</summary>
    public bool CommitteeAnchored { get; init; }

    /// <summary>Coordinators whose vote is revealed on chain (drawn committee members only).</summary>
    public IReadOnlyList<Address> Voters { get; init; } = [];

    /// <summary>After finalization: the solutions with a consensus score above 0 and that score; empty before.</summary>
    public IReadOnlyList<AcceptedSolution> Accepted { get; init; } = [];

    /// <summary>Whether consensus has been computed and rewards paid.</summary>
    public bool Finalized { get; init; }

    /// <summary>Whether the task was cancelled (its proposer never revealed the ground truth, or withdrew it before commits).</summary>
    public bool Cancelled { get; init; }

    /// <summary>Whether a stake majority of the votes rejected the ground truth: finalized, but nothing accepted.</summary>
    public bool Voided { get; init; }

    /// <summary>The aggregated model published for this task; null until an aggregator publishes.</summary>
    public ContentId? PublishedModel { get; init; }
}
