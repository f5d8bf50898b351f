using Autonet.Core.Ids;

namespace Autonet.Protocol.Aggregation;

/// <summary>What aggregation did with one update, so anyone reading the run report sees why.</summary>
/// <param name="Solver">The update's solver.</param>
/// <param name="Norm">L2 norm of the delta as submitted (before clipping).</param>
/// <param name="Included">Whether the update contributed to the aggregate.</param>
/// <param name="ClipScale">Factor the delta was multiplied by (1 when not clipped).</param>
/// <param name="Reason">One line: "included", or why it was clipped or excluded, with the numbers.</param>
public sealed record UpdateOutcome(Address Solver, double Norm, bool Included, float ClipScale, string Reason)
{
    /// <summary>Whether the norm bound scaled this update down.</summary>
    public bool Clipped => ClipScale != 1f;
}
