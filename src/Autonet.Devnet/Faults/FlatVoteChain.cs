using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>
/// A coordinator that guesses instead of scoring (CoordinatorFault.FlatVote, `--coordinator-attack flat-vote`): it
/// votes a flat 5000 bp for every solution and flags nothing. Votes are hidden until the committee reveals, so it has
/// nobody's vote to copy; the consensus (clipped to what a strict stake majority supports) stays the honest score,
/// its agreement is lower than the honest coordinators', and a planted forced error it scores 5000 slashes it.
/// </summary>
public sealed class FlatVoteChain(IChain inner) : RewrittenVoteChain(inner)
{
    /// <summary>The score a flat voter gives everything.</summary>
    public const ushort FlatScore = 5_000;

    protected override List<SolverScore> Rewrite(IReadOnlyList<SolverScore> scores) =>
        [.. scores.Select(s => s with { BasisPoints = FlatScore, Unjudgeable = false })];
}
