using Autonet.Core.Ids;

namespace Autonet.Protocol.Ports;

/// <summary>One challenge: its index, challenger, the model it names, its vote deadline, and whether this node voted on it.</summary>
public sealed record ChallengeView(int Index, Address Challenger, string Model, DateTimeOffset VoteDeadline, bool VotedByMe);
