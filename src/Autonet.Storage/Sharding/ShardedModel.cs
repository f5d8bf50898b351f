namespace Autonet.Storage.Sharding;

/// <summary>A model split by <see cref="ModelSharder.Split"/>: its manifest and the k + m shards (data first).</summary>
public sealed record ShardedModel(ShardManifest Manifest, byte[][] Shards);
