using Autonet.Storage.Blobs;
using Autonet.Storage.Sharding;

namespace Autonet.Storage.Tests.Sharding;

/// <summary>Five in-process nodes, each a Kestrel gateway over its own disk store, reached over real HTTP.</summary>
public sealed class ModelFetchScenarioTests : IAsyncLifetime, IDisposable
{
    private const int Nodes = 5;
    private readonly TempDirectory _directory = new();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly List<BlobGateway> _gateways = [];
    private readonly List<DiskBlobStore> _disks = [];
    private IReadOnlyList<ShardProvider> _providers = [];

    public async Task InitializeAsync()
    {
        for (var i = 0; i < Nodes; i++)
        {
            var disk = new DiskBlobStore(Path.Combine(_directory.Path, $"node{i}"));
            _disks.Add(disk);
            _gateways.Add(await BlobGateway.StartAsync(disk, new BlobGatewayOptions(), CancellationToken.None));
        }

        _providers = ShardProvider.FromGateways(_client, _gateways.Select(g => g.Address));
    }

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Fetch_TwoOfFiveProvidersStopped_ReturnsModelBitExact()
    {
        var model = ShardManifestTests.Bytes((1 << 20) + 17, seed: 5);
        var published = await ModelPublisher.PublishAsync(model, 3, 2, _providers, CancellationToken.None);
        Assert.Empty(published.Failures);
        Assert.Equal(5, published.Placements.Select(p => p.Provider).Distinct().Count());

        await _gateways[1].StopAsync(CancellationToken.None);
        await _gateways[3].StopAsync(CancellationToken.None);
        var fetched = await ModelFetcher.FetchAsync(published.ManifestId, _providers, published.Manifest.MerkleRoot, CancellationToken.None);

        Assert.Equal(model, fetched.Content);
        Assert.Equal([1], fetched.RebuiltShards);
        var failed = fetched.Failures.Select(f => f.Provider).Distinct().Order().ToArray();
        Assert.Equal(new[] { _providers[1].Name, _providers[3].Name }.Order(), failed);
        Assert.All(fetched.Failures, f => Assert.StartsWith("unreachable", f.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetch_ShardCorruptedOnOneProvider_DetectsAndRebuildsFromParity()
    {
        var model = ShardManifestTests.Bytes(300_000, seed: 6);
        var published = await ModelPublisher.PublishAsync(model, 3, 2, _providers, CancellationToken.None);
        var path = _disks[0].PathOf(published.Manifest.ShardId(0));
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[1234] ^= 0x10;
        await File.WriteAllBytesAsync(path, bytes);

        var fetched = await ModelFetcher.FetchAsync(published.ManifestId, _providers, null, CancellationToken.None);

        Assert.Equal(model, fetched.Content);
        Assert.Equal([0], fetched.RebuiltShards);
        var failure = Assert.Single(fetched.Failures);
        Assert.Equal(_providers[0].Name, failure.Provider);
        Assert.Equal(0, failure.ShardIndex);
        // The gateway's own check aborts the chunked response; a client that got every byte would see the mismatch.
        Assert.True(
            failure.Reason.Contains("broke off after", StringComparison.Ordinal) || failure.Reason.Contains("content mismatch", StringComparison.Ordinal),
            failure.Reason);
    }

    [Fact]
    public async Task Fetch_LyingProvider_RejectedByProofAndRoutedAround()
    {
        var model = ShardManifestTests.Bytes(50_000, seed: 7);
        var published = await ModelPublisher.PublishAsync(model, 3, 2, _providers, CancellationToken.None);

        // Provider 0 answers every request for shard 0 with shard 2's bytes and skips the id check.
        var shard2 = await _providers[2].Store.GetAsync(published.Manifest.ShardId(2), CancellationToken.None);
        var liar = new ShardProvider("liar", new SubstitutingStore(_providers[0].Store, published.Manifest.ShardId(0), shard2!));
        ShardProvider[] providers = [liar, .. _providers.Skip(1)];

        var fetched = await ModelFetcher.FetchAsync(published.ManifestId, providers, published.Manifest.MerkleRoot, CancellationToken.None);

        Assert.Equal(model, fetched.Content);
        var failure = Assert.Single(fetched.Failures);
        Assert.Equal("liar", failure.Provider);
        Assert.Contains("fails its Merkle proof", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_ThreeOfFiveStopped_ThrowsListingFailures()
    {
        var published = await ModelPublisher.PublishAsync(ShardManifestTests.Bytes(10_000), 3, 2, _providers, CancellationToken.None);
        foreach (var i in new[] { 0, 2, 4 })
        {
            await _gateways[i].StopAsync(CancellationToken.None);
        }

        var error = await Assert.ThrowsAsync<ModelFetchException>(
            () => ModelFetcher.FetchAsync(published.ManifestId, _providers, null, CancellationToken.None));
        Assert.Contains("only 2 of the 3 shards", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Failures.Select(f => f.Provider).Distinct().Count());
    }

    [Fact]
    public async Task Fetch_WrongExpectedRoot_Throws()
    {
        var published = await ModelPublisher.PublishAsync(ShardManifestTests.Bytes(1000), 2, 1, _providers, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ModelFetchException>(
            () => ModelFetcher.FetchAsync(published.ManifestId, _providers, Autonet.Core.Ids.Hash32.Zero, CancellationToken.None));
        Assert.Contains("expected 0x0000", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A provider that serves the wrong bytes for one id without checking them.</summary>
    private sealed class SubstitutingStore(IBlobStore inner, Autonet.Core.Ids.ContentId target, byte[] substitute) : IBlobStore
    {
        public Task<Autonet.Core.Ids.ContentId> PutAsync(Stream content, CancellationToken cancellationToken) => inner.PutAsync(content, cancellationToken);

        public Task<Stream?> OpenReadAsync(Autonet.Core.Ids.ContentId id, CancellationToken cancellationToken) =>
            id == target ? Task.FromResult<Stream?>(new MemoryStream(substitute)) : inner.OpenReadAsync(id, cancellationToken);

        public Task<bool> ContainsAsync(Autonet.Core.Ids.ContentId id, CancellationToken cancellationToken) => inner.ContainsAsync(id, cancellationToken);
    }
}
