using Autonet.Core.Ids;

namespace Autonet.Protocol.Ports;

/// <summary>
/// One solver's commitment on a task and, once the contract accepted its reveal, the revealed delta (null before). The
/// contract stores content ids as digests, so every reveal is a well-formed content id.
/// </summary>
public sealed record SolutionView(Address Solver, Hash32 Commitment, ContentId? Delta)
{
    /// <summary>Whether the solver revealed (a coordinator owes it a score).</summary>
    public bool Revealed => Delta is not null;
}
