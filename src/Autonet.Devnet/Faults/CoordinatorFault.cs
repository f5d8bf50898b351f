namespace Autonet.Devnet.Faults;

/// <summary>What a misbehaving coordinator does wrong (devnet.json: "lazy", "unreachable-gateway", "zero-all").</summary>
public enum CoordinatorFault
{
    /// <summary>Votes the full score (10000 bp) for everything, whatever its checks found (ApproveAllChain).</summary>
    Lazy,

    /// <summary>Its node.json names a gateway where nothing listens, so it cannot fetch anything.</summary>
    UnreachableGateway,

    /// <summary>A griefer: votes 0 for every solution, whatever its checks found (ZeroAllChain).</summary>
    ZeroAll,
}
