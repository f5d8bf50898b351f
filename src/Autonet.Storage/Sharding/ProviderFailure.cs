namespace Autonet.Storage.Sharding;

/// <summary>Why a provider did not deliver: <paramref name="ShardIndex"/> is null for the manifest.</summary>
public sealed record ProviderFailure(string Provider, int? ShardIndex, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Provider}: {(ShardIndex is { } index ? $"shard {index}" : "manifest")}: {Reason}";
}
