namespace Autonet.Chain.Contracts;

/// <summary>TaskContract's lifecycle enum, with the Solidity numbering.</summary>
public enum TaskState : byte
{
    None = 0,
    Proposed = 1,
    Committing = 2,
    GroundTruthRevealed = 3,
    Revealing = 4,
    Verifying = 5,
    Settled = 6,
}
