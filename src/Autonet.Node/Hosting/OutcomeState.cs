namespace Autonet.Node.Hosting;

/// <summary>Where one node stands on one task after a step (the outcome lines write it in kebab case: "ground-truth-revealed").</summary>
public enum OutcomeState
{
    /// <summary>Nothing due yet (a proposer before the commit deadline, a coordinator before reveals close, an aggregator before finalization).</summary>
    Waiting,

    /// <summary>A solver that came too late to join the task: nothing committed, nothing saved.</summary>
    NotJoined,

    /// <summary>A solver whose delta is stored and salt saved; its commit may or may not have landed.</summary>
    Committing,

    /// <summary>A solver (or coordinator) whose commitment is on chain, waiting for its deadline to reveal.</summary>
    Committed,

    /// <summary>A solver that revealed: nothing left to do on the task.</summary>
    Revealed,

    /// <summary>A solver that missed a deadline (the reason says which).</summary>
    Missed,

    /// <summary>A proposer that revealed the task's validation sample.</summary>
    GroundTruthRevealed,

    /// <summary>A coordinator that has cast votes (the outcome's Votes says how many).</summary>
    Voted,

    /// <summary>An aggregator that published the task's model (the outcome's Model).</summary>
    Published,

    /// <summary>The step failed (the outcome's Error says why); the node tries again at its next step.</summary>
    Failed,
}
