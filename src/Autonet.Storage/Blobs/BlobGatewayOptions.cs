namespace Autonet.Storage.Blobs;

/// <summary>Where a <see cref="BlobGateway"/> listens and what it accepts.</summary>
public sealed record BlobGatewayOptions
{
    /// <summary>The address to bind; loopback by default, so a node does not serve the network by accident.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (tests), read it back from <see cref="BlobGateway.Address"/>.</summary>
    public int Port { get; init; }

    /// <summary>The largest upload accepted, in bytes (256 MiB by default).</summary>
    public long MaxUploadBytes { get; init; } = 256L << 20;
}
