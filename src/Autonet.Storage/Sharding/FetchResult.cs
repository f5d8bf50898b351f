namespace Autonet.Storage.Sharding;

/// <summary>
/// A fetched model: the file bytes (verified against the manifest's content id), the manifest, the shards
/// rebuilt from parity rather than downloaded, and every provider failure met on the way (none were fatal).
/// </summary>
public sealed record FetchResult(
    byte[] Content,
    ShardManifest Manifest,
    IReadOnlyList<int> RebuiltShards,
    IReadOnlyList<ProviderFailure> Failures);
