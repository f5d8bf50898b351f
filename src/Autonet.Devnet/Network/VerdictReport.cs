using System.Globalization;

namespace Autonet.Devnet.Network;

/// <summary>
/// One coordinator's verdict on one solution in a run report: the score it computed (basis points and as a fraction),
/// or none when it could not judge, and why. Lazy marks a coordinator that votes the full score for everything.
/// </summary>
/// <param name="Solver">The solver's address.</param>
/// <param name="SolverName">The solver's node name in the run ("solver-2", "planter").</param>
/// <param name="BasisPoints">The score computed, 0..10000 (what an honest coordinator votes); null when it could not judge.</param>
/// <param name="Reason">Why, with the numbers (Autonet.Protocol's CoordinatorVerdict).</param>
/// <param name="Lazy">The coordinator is a lazy one (devnet fault): it voted 10000 whatever it computed.</param>
/// <param name="Unjudgeable">The coordinator flagged the solution as impossible to judge (scored 0; a majority forfeits its bond).</param>
public sealed record VerdictReport(string Solver, string SolverName, uint? BasisPoints, string Reason, bool Lazy, bool Unjudgeable = false)
{
    /// <summary>The computed score as a fraction (BasisPoints / 10000); null when there was none.</summary>
    public double? Score => BasisPoints / 10_000.0;

    /// <summary>The verdict in words, as report.md shows it.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{SolverName}: {(BasisPoints is null ? "no vote, " : "")}{Reason}{(Lazy ? " (lazy: voted 10000 bp)" : "")}");
}
