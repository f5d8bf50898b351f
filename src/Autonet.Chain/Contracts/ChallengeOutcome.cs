namespace Autonet.Chain.Contracts;

/// <summary>ModelChallenges.Outcome (ABI uint8, in this order).</summary>
public enum ChallengeOutcome : byte
{
    Pending,
    Upheld,
    Rejected,
    Unresolved,
}
