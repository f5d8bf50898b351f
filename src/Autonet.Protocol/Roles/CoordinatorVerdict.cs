using Autonet.Core.Ids;

namespace Autonet.Protocol.Roles;

/// <summary>
/// A coordinator's judgement of one revealed delta: the score it voted (basis points), or null when it could not
/// judge (its own fetch or scoring failed) and therefore did not vote; Reason says which and why.
/// </summary>
public sealed record CoordinatorVerdict(Address Solver, uint? ScoreBasisPoints, string Reason);
