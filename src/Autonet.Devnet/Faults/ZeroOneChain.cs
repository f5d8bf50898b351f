using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>
/// A coordinator that zeroes one competitor (CoordinatorFault.ZeroOne, `--coordinator-attack zero-one`): it votes
/// honestly except for the solution its own checks scored highest (ties: the first), which it scores 0, hoping to
/// move that solver's share to the others. Below half the committee's stake the consensus is the score a strict
/// majority supports, so the target keeps its honest consensus and the attacker only loses agreement.
/// </summary>
public sealed class ZeroOneChain(IChain inner) : RewrittenVoteChain(inner)
{
    protected override List<SolverScore> Rewrite(IReadOnlyList<SolverScore> scores)
    {
        var target = scores.Count == 0 ? -1 : scores.Select((s, i) => (s.BasisPoints, i)).MaxBy(x => x.BasisPoints).i;
        return [.. scores.Select((s, i) => i == target ? s with { BasisPoints = 0, Unjudgeable = false } : s)];
    }
}
