using Autonet.Core.Ids;

namespace Autonet.Protocol.Ports;

/// <summary>A coordinator's score of one revealed solution, in basis points (0..10000).</summary>
public sealed record SolverScore(Address Solver, ushort BasisPoints);
