using Autonet.Core.Ids;

namespace Autonet.Protocol.Roles;

/// <summary>
/// A coordinator's judgement of one revealed delta: the score it votes (basis points: the measured improvement, 0 for
/// none), whether the delta could not be judged at all (<paramref name="Unjudgeable"/>: not fetchable, not matching its
/// CID, not decodable, out of bounds, or breaking the scorer; scored 0 and flagged), and why.
/// </summary>
public sealed record CoordinatorVerdict(Address Solver, uint ScoreBasisPoints, string Reason, bool Unjudgeable = false)
{
    /// <summary>A delta that cannot be judged: scored 0 and flagged, so a stake majority of such flags forfeits its bond.</summary>
    public static CoordinatorVerdict Rejected(Address solver, string reason) => new(solver, 0, $"rejected: {reason}", Unjudgeable: true);
}
