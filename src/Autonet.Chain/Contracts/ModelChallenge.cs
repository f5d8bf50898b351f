using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>One challenge: who, the model it recomputed (CID as sent: parse before use, and its root), its vote deadline, the stake that voted each way, and its outcome.</summary>
public sealed record ModelChallenge(
    int Index, Address Challenger, string Cid, Hash32 MerkleRoot, DateTimeOffset VoteDeadline, BigInteger UpheldStake, BigInteger RejectedStake, ChallengeOutcome Outcome)
{
    internal static ModelChallenge FromAbi(int index, object[] c) => new(
        index, (Address)c[0], (string)c[1], new Hash32((byte[])c[2]), ChallengeWindow.Time(c[3]), (BigInteger)c[4], (BigInteger)c[5], (ChallengeOutcome)(byte)(BigInteger)c[6]);
}
