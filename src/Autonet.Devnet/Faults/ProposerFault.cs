namespace Autonet.Devnet.Faults;

/// <summary>How a griefing proposer misbehaves (`--proposer-attack`, devnet.json "proposerFault").</summary>
public enum ProposerFault
{
    /// <summary>Its validation set has a NaN pixel, so every delta would score 0 (coordinators flag the ground truth).</summary>
    NanValidation,

    /// <summary>Its validation set has the wrong image size, so scoring cannot run (coordinators flag the ground truth).</summary>
    WrongShapeValidation,

    /// <summary>Posts the task and never opens its commits (a keeper does, once the delay has passed).</summary>
    NeverOpen,

    /// <summary>Never reveals its validation set (a keeper cancels the task, and the contract slashes the proposer).</summary>
    NeverReveal,
}
