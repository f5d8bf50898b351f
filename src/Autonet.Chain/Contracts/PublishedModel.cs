using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// Project.modelOfTask: the model published as one task's aggregate (task 0: the genesis model), its CID as the
/// aggregator sent it (parse before use) and the Merkle root of its shards.
/// </summary>
public sealed record PublishedModel(string Cid, Hash32 MerkleRoot);
