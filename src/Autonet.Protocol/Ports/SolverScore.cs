using Autonet.Core.Ids;

namespace Autonet.Protocol.Ports;

/// <summary>
/// A coordinator's score of one revealed solution, in basis points (0..10000): the measured improvement of base + delta
/// over the base, 0 for none. <paramref name="Unjudgeable"/> flags a solution that could not be judged at all (not
/// fetchable, not decodable, out of bounds); its score is 0, and a stake majority of such flags forfeits its bond.
/// </summary>
public sealed record SolverScore(Address Solver, ushort BasisPoints, bool Unjudgeable = false);
