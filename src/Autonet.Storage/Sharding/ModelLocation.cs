using Autonet.Core.Ids;

namespace Autonet.Storage.Sharding;

/// <summary>
/// Where a sharded model is, as the chain records it (ModelShardRegistry): the CID of the model bytes, the id of its
/// shard manifest, the Merkle root and code every shard is proven against, and for each shard index the providers to
/// ask for it, in order (the one it was placed with first, then announced holders). Fetched by <see cref="ModelFetcher"/>.
/// </summary>
public sealed record ModelLocation(
    ContentId Model,
    ContentId Manifest,
    Hash32 MerkleRoot,
    int DataShards,
    int ParityShards,
    IReadOnlyList<IReadOnlyList<ShardProvider>> Holders);
