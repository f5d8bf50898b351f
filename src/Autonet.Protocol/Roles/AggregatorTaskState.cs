using Autonet.Core.Ids;
using Autonet.Protocol.Aggregation;

namespace Autonet.Protocol.Roles;

/// <summary>
/// An aggregator's record of one task: the model it built and placed (CID and the Merkle root of its placed shards),
/// what aggregation did with each accepted update, the deltas it could not use and why, and whether the publish
/// transaction was sent.
/// </summary>
public sealed record AggregatorTaskState(
    ulong TaskId, ContentId Model, Hash32 MerkleRoot, IReadOnlyList<UpdateOutcome> Outcomes, IReadOnlyList<string> Rejected, bool Published);
