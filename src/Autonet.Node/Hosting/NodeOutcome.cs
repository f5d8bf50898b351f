// The typed result of one node step on one task: what a devnet decides "phase done" from, and what the node
// program prints as an {"event":"outcome"} line. ToString is the human form for logs and run reports
// ("task 3: Committed: committed", "task 3: error: ..."); nothing parses it.
using System.Globalization;
using Autonet.Core.Ids;
using Autonet.Node.Roles;

namespace Autonet.Node.Hosting;

/// <summary>Where a node's role stands on a task after a step, and what it did.</summary>
public sealed record NodeOutcome : NodeEvent
{
    public required NodeRole Role { get; init; }

    public required ulong TaskId { get; init; }

    public required OutcomeState State { get; init; }

    /// <summary>Why the state is what it is, in words (a solver's reason, "not finalized"); null when the state says it all.</summary>
    public string? Reason { get; init; }

    /// <summary>A coordinator's votes cast on the task so far; null for other roles.</summary>
    public int? Votes { get; init; }

    /// <summary>The model an aggregator published; null otherwise.</summary>
    public ContentId? Model { get; init; }

    /// <summary>Why the step failed (<see cref="OutcomeState.Failed"/>); null when it did not.</summary>
    public string? Error { get; init; }

    /// <summary>How many polls in a row a daemon's step has failed, from the second (null for a first failure or none).</summary>
    public int? Attempt { get; init; }

    /// <summary>A failed step: <paramref name="error"/> says why.</summary>
    public static NodeOutcome Failed(NodeRole role, ulong taskId, string error) =>
        new() { Role = role, TaskId = taskId, State = OutcomeState.Failed, Error = error };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"task {TaskId}: {Describe()}");

    /// <summary>What the node did, in words, without the task ("Committed: committed", "3 votes", "error: ...").</summary>
    public string Describe() => State switch
    {
        OutcomeState.Failed => $"error: {Error}{(Attempt is { } n ? string.Create(CultureInfo.InvariantCulture, $" (attempt {n})") : "")}",
        OutcomeState.NotJoined => "did not join",
        OutcomeState.GroundTruthRevealed => "ground truth revealed",
        OutcomeState.Published => $"published {Model}",
        OutcomeState.Committing or OutcomeState.Committed or OutcomeState.Revealed or OutcomeState.Missed => $"{State}: {Reason}",
        _ when Votes is { } votes => string.Create(CultureInfo.InvariantCulture, $"{votes} votes"),
        _ => Reason ?? "waiting",
    };
}
