namespace Autonet.Protocol.Roles;

/// <summary>Where a solver stands on one task. Saved before each transaction that depends on it.</summary>
public enum SolverPhase
{
    /// <summary>The task is posted but its commits are not open yet: nothing trained, nothing saved.</summary>
    Waiting,

    /// <summary>Delta stored and salt saved; the commit transaction may or may not have landed.</summary>
    Committing,

    /// <summary>The commitment is on chain; waiting for the commit deadline to reveal.</summary>
    Committed,

    /// <summary>Revealed; nothing left to do on this task.</summary>
    Revealed,

    /// <summary>A deadline passed before the solver could act (see the state's Reason).</summary>
    Missed,
}
