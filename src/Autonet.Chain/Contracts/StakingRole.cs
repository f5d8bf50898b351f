namespace Autonet.Chain.Contracts;

/// <summary>ParticipantStaking's roles, with the Solidity enum's numbering.</summary>
public enum StakingRole : byte
{
    Proposer = 0,
    Solver = 1,
    Coordinator = 2,
    Aggregator = 3,
}
