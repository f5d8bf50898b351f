using Autonet.Core.Ids;

namespace Autonet.Protocol.Ports;

/// <summary>One solver's commitment on a task and, once revealed and checked by the contract, its delta's CID.</summary>
public sealed record SolutionView(Address Solver, Hash32 Commitment, ContentId? Revealed);
