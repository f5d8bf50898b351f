using Autonet.Core.Ids;

namespace Autonet.Protocol.Ports;

/// <summary>A solution the consensus accepted, with its consensus score (the aggregation weight).</summary>
public sealed record AcceptedSolution(Address Solver, ContentId Delta, double Score);
