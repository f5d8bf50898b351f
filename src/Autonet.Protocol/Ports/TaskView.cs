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
    public required DateTimeOffset CommitDeadline { get; init; }
    public required DateTimeOffset RevealDeadline { get; init; }
    public required DateTimeOffset VerifyDeadline { get; init; }

    /// <summary>The proposer's commitment to its hidden validation set (keccak256(abi.encode(proposer, gtCid, salt))).</summary>
    public required Hash32 GroundTruthCommitment { get; init; }

    /// <summary>The validation set, once the proposer has revealed it; null before.</summary>
    public ContentId? GroundTruth { get; init; }

    /// <summary>Every commitment and, once revealed, its delta, in commit order.</summary>
    public IReadOnlyList<SolutionView> Solutions { get; init; } = [];

    /// <summary>Coordinators whose batch of votes is on chain.</summary>
    public IReadOnlyList<Address> Voters { get; init; } = [];

    /// <summary>After finalization: the accepted solutions and their consensus scores; empty before.</summary>
    public IReadOnlyList<AcceptedSolution> Accepted { get; init; } = [];

    /// <summary>Whether consensus has been computed and rewards paid.</summary>
    public bool Finalized { get; init; }

    /// <summary>The aggregated model published for this task; null until an aggregator publishes.</summary>
    public ContentId? PublishedModel { get; init; }
}
