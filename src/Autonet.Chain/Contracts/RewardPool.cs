using System.Numerics;

namespace Autonet.Chain.Contracts;

/// <summary>
/// ResultsRewards.poolOf: a task's pools (ATN base units) as TaskContract opened them, what finalization allocated and
/// is still unclaimed, and whether the pool is open and finalized (or refunded).
/// </summary>
public sealed record RewardPool(BigInteger ProjectId, RewardSplit Split, BigInteger Unclaimed, bool Opened, bool Finalized)
{
    /// <summary>The decoded Pool struct: (projectId, solverPool, coordinatorPool, proposerFee, unclaimed, opened, finalized).</summary>
    internal static RewardPool FromAbi(object[] pool) => new(
        (BigInteger)pool[0],
        new RewardSplit((BigInteger)pool[1], (BigInteger)pool[2], (BigInteger)pool[3]),
        (BigInteger)pool[4],
        (bool)pool[5],
        (bool)pool[6]);
}
