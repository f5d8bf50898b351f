using Autonet.Storage.Blobs;
using Autonet.Storage.Sharding;

namespace Autonet.Storage.Tests.Examples;

/// <summary>The example in src/Autonet.Storage/README.md, compiled and run.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task Readme_PublishThenFetch_RoundTrips()
    {
        using var home = new TempDirectory();
        var ct = CancellationToken.None;
        var modelBytes = new byte[100_000];
        new Random(3).NextBytes(modelBytes);

        // --- README example starts ---
        var disk = new DiskBlobStore(Path.Combine(home.Path, "blobs"));
        await using var gateway = await BlobGateway.StartAsync(disk, new BlobGatewayOptions(), ct); // 127.0.0.1, free port
        using var http = new HttpClient();
        var providers = ShardProvider.FromGateways(http, [gateway.Address]);

        var published = await ModelPublisher.PublishAsync(modelBytes, dataShards: 4, parityShards: 2, providers, ct);
        // published.ManifestId: what `autonet model fetch` takes; published.Manifest.MerkleRoot: what goes on chain
        var fetched = await ModelFetcher.FetchAsync(published.ManifestId, providers, published.Manifest.MerkleRoot, ct);
        // --- README example ends ---

        Assert.Equal(modelBytes, fetched.Content);
        Assert.Empty(fetched.Failures);
    }
}
