namespace Autonet.Devnet.Faults;

/// <summary>What a misbehaving coordinator does wrong (devnet.json and `--coordinator-attack`: "lazy", "unreachable-gateway", "zero-all", "zero-one", "flat-vote", "sybil-fill", "copy-votes", "norm-filter").</summary>
public enum CoordinatorFault
{
    /// <summary>Votes the full score (10000 bp) for everything, whatever its checks found (ApproveAllChain).</summary>
    Lazy,

    /// <summary>Its storage.gateways names a gateway where nothing listens, so it cannot fetch anything.</summary>
    UnreachableGateway,

    /// <summary>A griefer: votes 0 for every solution, whatever its checks found (ZeroAllChain).</summary>
    ZeroAll,

    /// <summary>Votes honestly but 0 for the solution it scored highest (ZeroOneChain).</summary>
    ZeroOne,

    /// <summary>Votes a flat 5000 bp for every solution, flagging nothing (FlatVoteChain).</summary>
    FlatVote,

    /// <summary>
    /// One of many minimum-stake Sybils of one attacker (every coordinator but the last with `--coordinator-attack
    /// sybil-fill`): each votes the full score for the first revealed solution and 0 for the rest (SybilFillChain).
    /// </summary>
    SybilFill,

    /// <summary>
    /// Commits a guess, then reveals a copy of another coordinator's revealed vote, which does not match its commitment
    /// (CopiedVoteChain; the last coordinator with `--coordinator-attack copy-votes`, so the others have revealed).
    /// </summary>
    CopyVotes,

    /// <summary>Runs every check but scores a delta by its norm alone, never evaluating the model (NormOnlyScorer).</summary>
    NormFilter,
}
