namespace Autonet.Devnet.Faults;

/// <summary>What a misbehaving solver does wrong besides corrupting its delta (devnet.json: "reveal-mismatch", ...).</summary>
public enum SolverFault
{
    /// <summary>Reveals the CID of other bytes than it committed to (MismatchedRevealChain); the contract refuses it.</summary>
    RevealMismatch,

    /// <summary>Reveals another solver's delta instead of its own (CopiedRevealChain); the contract refuses it.</summary>
    Copy,

    /// <summary>Its process is killed (SIGKILL) right after its commit is mined (CrashAfterCommitChain); node processes only.</summary>
    CrashAfterCommit,

    /// <summary>The storage provider serves altered bytes for its delta; the run, not the node, corrupts the stored file.</summary>
    CorruptBlob,
}
