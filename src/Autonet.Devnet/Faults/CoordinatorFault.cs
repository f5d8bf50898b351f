namespace Autonet.Devnet.Faults;

/// <summary>What a misbehaving coordinator does wrong (devnet.json and `--coordinator-attack`: "lazy", "unreachable-gateway", "zero-all", "zero-one", "flat-vote").</summary>
public enum CoordinatorFault
{
    /// <summary>Votes the full score (10000 bp) for everything, whatever its checks found (ApproveAllChain).</summary>
    Lazy,

    /// <summary>Its node.json names a gateway where nothing listens, so it cannot fetch anything.</summary>
    UnreachableGateway,

    /// <summary>A griefer: votes 0 for every solution, whatever its checks found (ZeroAllChain).</summary>
    ZeroAll,

    /// <summary>Votes honestly but 0 for the solution it scored highest (ZeroOneChain).</summary>
    ZeroOne,

    /// <summary>Votes a flat 5000 bp for every solution, flagging nothing (FlatVoteChain).</summary>
    FlatVote,
}
