namespace Autonet.Devnet.Network;

/// <summary>One challenge of a round's published model: who challenged, the model it rebuilt, and how it resolved (upheld, rejected, unresolved).</summary>
public sealed record ChallengeReport(string Challenger, string ChallengerName, string Model, string Outcome, string UpheldStakeAtn, string RejectedStakeAtn);
