using Autonet.Chain;
using Autonet.Chain.Contracts;
using Autonet.Chain.Dev;
using Autonet.Core.Ids;
using Autonet.Node.Adapters;
using Autonet.Storage.Blobs;
using Autonet.Storage.Sharding;

namespace Autonet.Scenarios;

/// <summary>
/// Issue 14's distributed storage on a real anvil with the real contracts and three provider gateways over real HTTP:
/// a model is erasure-coded across the providers found on chain and registered with its placement; a reader that knows
/// only the CID rebuilds it from the chain with a provider down (and one serving bad bytes); a provider that lost its
/// shard fails a possession challenge and is recorded and slashed, while a good one passes.
/// </summary>
public sealed class StorageScenarioTests(StorageNetwork net) : IClassFixture<StorageNetwork>, IAsyncLifetime
{
    private string? _snapshot;

    private static CancellationToken None => CancellationToken.None;

    public async Task InitializeAsync() => _snapshot = await net.Client.SnapshotAsync(None);

    public async Task DisposeAsync()
    {
        await net.Client.RevertAsync(_snapshot!, None);
        foreach (var provider in net.Providers)
        {
            await provider.RestartAsync();
        }
    }

    [Fact]
    public async Task Place_ThreeProviders_ShardsOnThemAndRebuiltFromTheChainWithOneDown()
    {
        var model = Bytes(300_001, seed: 1);
        var placed = await net.Models().PlaceAsync(model, None);
        Assert.Equal(ContentId.Of(model), placed.Model);

        var modelId = Assert.Single(await net.System.Shards.ModelsOfCidAsync(placed.Model.ToString(), None));
        var registered = await net.System.Shards.GetModelAsync(modelId, None);
        Assert.Equal((4, 2, placed.MerkleRoot), (registered.DataShards, registered.ParityShards, registered.MerkleRoot)); // the project's default code
        var placement = (await net.System.Shards.PlacementOfAsync(modelId, None))!;
        Assert.Equal(net.Providers.Select(p => p.Key.Address).Concat(net.Providers.Select(p => p.Key.Address)), placement.Providers);
        var manifest = ShardManifest.Decode((await net.Providers[0].Disk.GetAsync(ContentId.Parse(placement.ManifestCid), None))!);
        for (var i = 0; i < manifest.TotalShards; i++)
        {
            var holder = net.Providers.Single(p => p.Key.Address == placement.Providers[i]);
            Assert.True(await holder.Disk.ContainsAsync(manifest.ShardId(i), None), $"shard {i} is not on {holder.Key.Address}");
            Assert.All(net.Providers.Where(p => p != holder), other => Assert.False(other.Disk.ContainsAsync(manifest.ShardId(i), None).Result));
        }
        Assert.All(net.Providers, p => Assert.False(p.Disk.ContainsAsync(placed.Model, None).Result)); // no provider holds the whole model

        var steps = await net.StepProvidersAsync();
        Assert.Equal(6, steps.Sum(s => s.Announced.Count));
        Assert.Equal((6, 4, 6), ToInts(await net.System.Shards.AvailabilityAsync(modelId, None)));

        await net.Providers[1].StopAsync();
        var reader = net.Reader(new BlobStoreAdapter(new DiskBlobStore(Directory.CreateTempSubdirectory("autonet-empty-").FullName)));
        Assert.Equal(model, await reader.GetAsync(placed.Model, None));
        var down = net.Providers[1].Key.Address.ToString();
        Assert.NotEmpty(reader.LastFailures);
        Assert.All(reader.LastFailures, f => Assert.Contains(down, f.Provider, StringComparison.Ordinal));
        Assert.All(reader.LastFailures, f => Assert.StartsWith("unreachable", f.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetch_OneProviderDownAndOneServingBadBytes_SkipsBothAndRebuilds()
    {
        await net.System.Project.SetStorageCodeAsync(net.Owner, net.ProjectId, 3, 3, None); // 6 shards, 2 on each provider
        var model = Bytes(200_000, seed: 2);
        var placed = await net.Models().PlaceAsync(model, None);
        var modelId = (await net.System.Shards.ModelsOfCidAsync(placed.Model.ToString(), None))[^1];
        Assert.Equal(3, (await net.System.Shards.GetModelAsync(modelId, None)).DataShards);
        var placement = (await net.System.Shards.PlacementOfAsync(modelId, None))!;
        var manifest = ShardManifest.Decode((await net.Providers[0].Disk.GetAsync(ContentId.Parse(placement.ManifestCid), None))!);

        // Provider 3 rewrites its first shard on disk: its gateway then serves bytes that do not hash to the shard's id.
        var bad = net.Providers[2];
        var badShard = Enumerable.Range(0, manifest.TotalShards).First(i => placement.Providers[i] == bad.Key.Address);
        var id = manifest.ShardId(badShard).ToString();
        var path = Path.Combine(bad.Disk.Root, "blobs", id[^2..], id);
        var bytes = await File.ReadAllBytesAsync(path, None);
        bytes[100] ^= 0xff;
        await File.WriteAllBytesAsync(path, bytes, None);
        await net.Providers[0].StopAsync();

        var reader = net.Reader(new BlobStoreAdapter(new DiskBlobStore(Directory.CreateTempSubdirectory("autonet-empty-").FullName)));
        Assert.Equal(model, await reader.GetAsync(placed.Model, None));
        Assert.Contains(reader.LastFailures, f => f.ShardIndex == badShard && f.Provider.Contains(bad.Key.Address.ToString(), StringComparison.Ordinal));
        Assert.Contains(reader.LastFailures, f => f.Provider.Contains(net.Providers[0].Key.Address.ToString(), StringComparison.Ordinal) && f.Reason.StartsWith("unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetch_TwoOfThreeProvidersDown_FailsNamingThem()
    {
        var model = Bytes(100_000, seed: 3);
        var placed = await net.Models().PlaceAsync(model, None);
        await net.Providers[0].StopAsync();
        await net.Providers[1].StopAsync();
        var reader = net.Reader(new BlobStoreAdapter(new DiskBlobStore(Directory.CreateTempSubdirectory("autonet-empty-").FullName)));
        var error = await Assert.ThrowsAsync<ModelFetchException>(() => reader.GetAsync(placed.Model, None));
        Assert.Contains("only 2 of the 4 shards", error.Message, StringComparison.Ordinal);
        Assert.Contains(net.Providers[0].Key.Address.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Possession_LostShardFailsAndIsRecorded_GoodProviderPasses()
    {
        var placed = await net.Models().PlaceAsync(Bytes(50_000, seed: 4), None);
        var modelId = (await net.System.Shards.ModelsOfCidAsync(placed.Model.ToString(), None))[^1];
        await net.StepProvidersAsync(); // every provider announces its shards
        var placement = (await net.System.Shards.PlacementOfAsync(modelId, None))!;
        var manifest = ShardManifest.Decode((await net.Providers[0].Disk.GetAsync(ContentId.Parse(placement.ManifestCid), None))!);
        var (good, lost) = (net.Providers[0], net.Providers[1]);
        lost.Lose(manifest.ShardId(1)); // shard 1 was placed with provider 2
        var stakeBefore = await lost.StakeAsync(net.System);

        var passing = await net.System.Shards.ChallengePossessionAsync(net.Challenger, modelId, 0, good.Key.Address, None);
        var failing = await net.System.Shards.ChallengePossessionAsync(net.Challenger, modelId, 1, lost.Key.Address, None);
        var steps = await net.StepProvidersAsync();
        Assert.Equal([passing], steps[0].Answered);
        Assert.Empty(steps[1].Answered);
        Assert.Contains(steps[1].Problems, p => p.Contains($"challenge {failing}", StringComparison.Ordinal) && p.Contains("does not hold", StringComparison.Ordinal));
        Assert.Equal(PossessionState.Proven, (await net.System.Shards.ChallengeOfAsync(passing, None)).State);

        var early = await Assert.ThrowsAsync<ChainException>(() => net.System.Shards.ExpirePossessionAsync(net.Challenger, failing, None));
        Assert.Equal("ChallengeWindow", early.Revert?.Name);
        await net.Client.AdvanceTimeAsync(TimeSpan.FromSeconds(301), None);
        await net.System.Shards.ExpirePossessionAsync(net.Challenger, failing, None);

        Assert.Equal(PossessionState.Failed, (await net.System.Shards.ChallengeOfAsync(failing, None)).State);
        Assert.Equal((0L, 1L, 0L), await net.System.Shards.PossessionRecordOfAsync(lost.Key.Address, None));
        Assert.Equal((1L, 0L, 0L), await net.System.Shards.PossessionRecordOfAsync(good.Key.Address, None));
        Assert.Equal(stakeBefore - (stakeBefore / 10), await lost.StakeAsync(net.System));
        Assert.DoesNotContain(lost.Key.Address, await net.System.Shards.ProvidersOfAsync(modelId, 1, None));
        Assert.False(await net.System.Providers.IsActiveAsync(lost.Key.Address, None)); // below the minimum now: new models skip it
    }

    [Fact]
    public async Task Announce_ShardNotOnTheProvider_IsNotAnnounced()
    {
        var placed = await net.Models().PlaceAsync(Bytes(40_000, seed: 5), None);
        var modelId = (await net.System.Shards.ModelsOfCidAsync(placed.Model.ToString(), None))[^1];
        var placement = (await net.System.Shards.PlacementOfAsync(modelId, None))!;
        var manifest = ShardManifest.Decode((await net.Providers[0].Disk.GetAsync(ContentId.Parse(placement.ManifestCid), None))!);
        net.Providers[2].Lose(manifest.ShardId(2));
        var steps = await net.StepProvidersAsync();
        Assert.Equal(["model " + modelId + " shard 5"], steps[2].Announced);
        Assert.Contains(steps[2].Problems, p => p.Contains($"model {modelId} shard 2", StringComparison.Ordinal));
        Assert.Empty(await net.System.Shards.ProvidersOfAsync(modelId, 2, None));
        var refused = await Assert.ThrowsAsync<ChainException>(() => net.System.Shards.ChallengePossessionAsync(net.Challenger, modelId, 2, net.Providers[2].Key.Address, None));
        Assert.Equal("ShardHoldingConflict", refused.Revert?.Name); // only announced holders are challenged
    }

    private static (int, int, int) ToInts((System.Numerics.BigInteger Held, System.Numerics.BigInteger Needed, System.Numerics.BigInteger Total) a) => ((int)a.Held, (int)a.Needed, (int)a.Total);

    private static byte[] Bytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
