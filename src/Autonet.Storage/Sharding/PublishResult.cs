using Autonet.Core.Ids;

namespace Autonet.Storage.Sharding;

/// <summary>
/// What <see cref="ModelPublisher"/> did: the manifest's id (the id to fetch the model by), the manifest itself
/// (its <see cref="ShardManifest.MerkleRoot"/> goes on chain), where each shard went, and providers that refused.
/// </summary>
public sealed record PublishResult(
    ContentId ManifestId,
    ShardManifest Manifest,
    IReadOnlyList<ShardPlacement> Placements,
    IReadOnlyList<ProviderFailure> Failures);

/// <summary>
/// Shard <paramref name="ShardIndex"/> (id <paramref name="ShardId"/>, possession tree root <paramref name="ChunkRoot"/>)
/// is stored at <paramref name="Provider"/>, whose account on chain is <paramref name="Account"/> when it was found there.
/// </summary>
public sealed record ShardPlacement(int ShardIndex, ContentId ShardId, string Provider, Hash32 ChunkRoot, Address? Account);
