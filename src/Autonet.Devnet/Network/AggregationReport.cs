using System.Globalization;

namespace Autonet.Devnet.Network;

/// <summary>What the aggregator did with one solution in a run report (Autonet.Protocol's UpdateOutcome), or why it could not use it.</summary>
/// <param name="Solver">The solver's address; empty for a rejected delta (its Reason names the solver).</param>
/// <param name="SolverName">The solver's node name in the run; empty for a rejected delta.</param>
/// <param name="Norm">The delta's L2 norm as submitted; null for a delta the aggregator rejected before aggregating.</param>
/// <param name="Included">Whether it contributed to the aggregate.</param>
/// <param name="ClipScale">The factor clipping scaled it by (1 when not clipped); null when rejected.</param>
/// <param name="Reason">"included", or why it was clipped, excluded or rejected, with the numbers.</param>
public sealed record AggregationReport(string Solver, string SolverName, double? Norm, bool Included, float? ClipScale, string Reason)
{
    /// <summary>The outcome in words, as report.md shows it.</summary>
    public override string ToString() => SolverName.Length == 0
        ? Reason
        : string.Create(CultureInfo.InvariantCulture, $"{SolverName}: {(Norm is { } n ? $"norm {n:G4}, " : "")}{Reason}");
}
