namespace Autonet.Node.Roles;

/// <summary>What a node does in the protocol; config.yaml's node.role and the outcome lines write it in lower case ("coordinator").</summary>
public enum NodeRole
{
    /// <summary>Posts tasks with a committed validation sample and reveals it after the commits.</summary>
    Proposer,

    /// <summary>Trains a delta on its own data, commits to it, reveals it.</summary>
    Solver,

    /// <summary>Scores every revealed delta and votes.</summary>
    Coordinator,

    /// <summary>Combines the accepted deltas and publishes the new model.</summary>
    Aggregator,
}
