using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// One commitment of a task as TaskContract.solutionsOf returns it: the solver, its commitment, and once revealed the
/// CID it revealed (<see cref="RevealedCid"/> is "" before; a revealed CID may be "" too, so read <see cref="Revealed"/>).
/// The CID is whatever the solver sent: parse it before use.
/// </summary>
public sealed record SolutionRecord(Address Solver, Hash32 Commitment, string RevealedCid, bool Revealed);
