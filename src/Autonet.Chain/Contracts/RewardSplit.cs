using System.Numerics;

namespace Autonet.Chain.Contracts;

/// <summary>
/// TaskContract.rewardSplit of one reward (ATN base units): 20% to the coordinators, 10% to the proposer and 1% to
/// keepers, rounded down, and the rest to the solvers, so the four always sum to the reward. The rule lives only in
/// the contract.
/// </summary>
public sealed record RewardSplit(BigInteger SolverPool, BigInteger CoordinatorPool, BigInteger ProposerFee, BigInteger KeeperPool)
{
    /// <summary>The reward that was split.</summary>
    public BigInteger Total => SolverPool + CoordinatorPool + ProposerFee + KeeperPool;
}
