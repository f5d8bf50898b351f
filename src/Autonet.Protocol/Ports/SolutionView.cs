using Autonet.Core.Ids;

namespace Autonet.Protocol.Ports;

/// <summary>
/// One solver's commitment on a task and whether the contract accepted its reveal. <paramref name="Delta"/> is the
/// revealed CID, or null when nothing was revealed or the revealed text is not a CID (the solver revealed, so a
/// coordinator still owes it a score: 0).
/// </summary>
public sealed record SolutionView(Address Solver, Hash32 Commitment, bool Revealed, ContentId? Delta);
