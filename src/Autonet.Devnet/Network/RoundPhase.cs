using System.Text.Json.Serialization;

namespace Autonet.Devnet.Network;

/// <summary>
/// The phases of one round as `network run` walks them (ARCHITECTURE.md's training round); their names
/// (<see cref="KebabNames"/>) are what the live table shows and report.json's PhaseSeconds keys.
/// </summary>
public enum RoundPhase
{
    /// <summary>The proposer posts the task.</summary>
    Propose,

    /// <summary>Solvers train and commit; the forced error is planted.</summary>
    [JsonStringEnumMemberName("train + commit")]
    TrainCommit,

    /// <summary>The proposer reveals the ground truth, then the solvers their deltas.</summary>
    Reveal,

    /// <summary>Coordinators score every revealed delta and vote.</summary>
    [JsonStringEnumMemberName("verify + vote")]
    VerifyVote,

    /// <summary>The forced error is revealed and the task finalized.</summary>
    Finalize,

    /// <summary>The aggregator combines the accepted deltas and publishes the model; rewards are claimed.</summary>
    [JsonStringEnumMemberName("aggregate + publish")]
    AggregatePublish,

    /// <summary>Coordinators rebuild the published model, challenge a wrong one and vote; the window settles.</summary>
    [JsonStringEnumMemberName("challenge window")]
    ChallengeWindow,

    /// <summary>The round is over.</summary>
    Done,
}
