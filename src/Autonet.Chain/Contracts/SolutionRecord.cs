using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// One commitment of a task as TaskContract.solutionsOf returns it: the solver, its commitment, and once revealed the
/// delta it revealed (null before; the contract stores content ids as sha2-256 digests, so every reveal is one).
/// </summary>
public sealed record SolutionRecord(Address Solver, Hash32 Commitment, ContentId? Revealed);
