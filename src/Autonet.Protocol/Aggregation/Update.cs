using Autonet.Core.Ids;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// One solver's weight delta, ready to aggregate: all parameters in one flat arena (the same length
/// for every update of a round) and the consensus score that weights it.
/// </summary>
/// <param name="Solver">The solver's account; updates are ordered by it so results do not depend on input order.</param>
/// <param name="Delta">Base-to-trained weight difference, one contiguous arena (all of a model's parameters in flat order, docs/formats.md).</param>
/// <param name="Score">Consensus score, finite and non-negative; 0 excludes the update from every rule.</param>
public sealed record Update(Address Solver, ReadOnlyMemory<float> Delta, double Score);
