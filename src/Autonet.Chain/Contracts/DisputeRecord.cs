using System.Numerics;

namespace Autonet.Chain.Contracts;

/// <summary>InferenceMarket.Dispute: the disputed receipt, the bond, the vote deadline, the stake voting each way, the state.</summary>
public sealed record DisputeRecord(InferenceReceipt Receipt, BigInteger Bond, ulong VoteDeadline, BigInteger WrongStake, BigInteger RightStake, DisputeState State)
{
    internal static DisputeRecord FromAbi(object[] t) => new(
        InferenceReceipt.FromAbi((object[])t[0]), (BigInteger)t[1], (ulong)(BigInteger)t[2], (BigInteger)t[3], (BigInteger)t[4], (DisputeState)(int)(BigInteger)t[5]);
}
