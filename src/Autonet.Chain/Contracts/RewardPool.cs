using System.Numerics;

namespace Autonet.Chain.Contracts;

/// <summary>
/// ResultsRewards.poolOf: a task's pools (ATN base units) as TaskContract opened them, the keeper bounties paid, the
/// bond each solver posts and the bonds held, what is still unclaimed, and whether the pool is open, finalized (or
/// refunded) and void (a stake majority of the votes rejected its ground truth).
/// </summary>
public sealed record RewardPool(
    BigInteger ProjectId, RewardSplit Split, BigInteger KeeperPaid, BigInteger SolverBond, BigInteger Bonds, BigInteger Unclaimed,
    bool Opened, bool Finalized, bool Voided)
{
    /// <summary>The decoded Pool struct, fields in the contract's order.</summary>
    internal static RewardPool FromAbi(object[] pool) => new(
        (BigInteger)pool[0],
        new RewardSplit((BigInteger)pool[1], (BigInteger)pool[2], (BigInteger)pool[3], (BigInteger)pool[4]),
        (BigInteger)pool[5],
        (BigInteger)pool[6],
        (BigInteger)pool[7],
        (BigInteger)pool[8],
        (bool)pool[9],
        (bool)pool[10],
        (bool)pool[11]);
}
