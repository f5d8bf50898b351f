// Runs a small network (its own anvil, its own home) and recomputes each published model independently from the
// accepted deltas in the run's blob folder: decode, aggregate with the run's rule (reference kernels), apply,
// hash; the CID must equal the one published on chain and the shard Merkle root the on-chain root.
using Autonet.Core.Ids;
using Autonet.Devnet.Network;
using Autonet.Node.Adapters;
using Autonet.Protocol.Aggregation;
using Autonet.Storage.Blobs;
using Autonet.Storage.Sharding;
using Autonet.Training.Deltas;
using Autonet.Training.Jepa;

namespace Autonet.Scenarios;

internal static class ScenarioRun
{
    public static NetworkOptions Tiny(string home, int rounds) => new()
    {
        Home = home,
        Rounds = rounds,
        TrainSteps = 2,
        Batch = 8,
        TrainImages = 300,
        ValidationImages = 16,
        ProbeTrain = 100,
        ProbeTest = 100,
        Model = new Autonet.Models.Jepa.JepaConfig { Width = 16, Depth = 1, Heads = 2, PredictorWidth = 8, PredictorDepth = 1, PredictorHeads = 2, MlpRatio = 2 },
    };

    /// <summary>
    /// <see cref="Tiny"/> with every node a daemon on real block time: windows long enough for eight `autonet node
    /// run` processes on this 2-core machine under load (a solver trains inside the commit window, a coordinator scores
    /// inside the verify window).
    /// </summary>
    public static NetworkOptions Daemons(string home, int rounds) => Tiny(home, rounds) with
    {
        Daemons = true,
        NodeCommand = NodeCommand,
        CommitWindowSeconds = 40, // at load average 64 here, 20 s lost every solver's first commit (JIT and data loading)
        WindowSeconds = 8,
    };

    /// <summary>How node processes and daemons start `autonet` here: the autonet.dll beside the tests ("dotnet" is on PATH wherever the tests run).</summary>
    public static IReadOnlyList<string> NodeCommand { get; } = ["dotnet", Path.Combine(AppContext.BaseDirectory, "autonet.dll")];

    public static async Task<(RunReport Report, string Folder)> RunAsync(NetworkOptions options) =>
        await new NetworkRunner(options).RunAsync(null, CancellationToken.None);

    /// <summary>
    /// The bytes of model <paramref name="cid"/> of a finished run: from the run's blob folder, or (once the run's
    /// providers held it) rebuilt from the shards in the providers' own blob folders by its manifest (ModelShardRegistry's
    /// placement, in the report), each shard proven against the manifest's root and the bytes against the CID.
    /// </summary>
    public static async Task<byte[]> ReadModelAsync(RunReport report, string folder, string cid)
    {
        if (await new DiskBlobStore(Path.Combine(folder, "blobs")).GetAsync(ContentId.Parse(cid), CancellationToken.None) is { } whole)
        {
            return whole;
        }
        var placement = (cid == report.GenesisModel ? report.GenesisPlacement : report.Rounds.FirstOrDefault(r => r.Model == cid)?.Placement)
            ?? throw new InvalidOperationException($"model {cid} is neither in {folder}/blobs nor placed on the run's providers");
        var providers = report.Providers.Select(p => new ShardProvider(p.Name, new DiskBlobStore(Path.Combine(folder, "providers", p.Name, "blobs")))).ToList();
        var fetched = await ModelFetcher.FetchAsync(ContentId.Parse(placement.ManifestCid), providers, null, CancellationToken.None);
        Assert.Equal(cid, ContentId.Of(fetched.Content).ToString());
        return fetched.Content;
    }

    /// <summary>The model CID an outsider computes for a round from the chain's consensus and the blobs.</summary>
    /// <remarks><paramref name="skip"/>: a solver whose stored delta was corrupted (weight 0 anyway, and unreadable).</remarks>
    public static async Task<(ContentId Model, Hash32 Root)> RecomputeAsync(RunReport report, RoundReport round, string folder, string? skip = null)
    {
        var store = new DiskBlobStore(Path.Combine(folder, "blobs"));
        var baseModel = ModelBytes.Deserialize(await ReadModelAsync(report, folder, round.BaseModel));
        var updates = new List<Update>();
        foreach (var (solver, score) in round.Consensus)
        {
            if (score <= 0 || solver == skip || !round.Deltas.TryGetValue(solver, out var cid))
            {
                continue;
            }
            var delta = (await store.GetAsync(ContentId.Parse(cid), CancellationToken.None))!;
            Assert.True(WeightDelta.TryDecode(baseModel, delta, out var values, out var reason), $"round {round.Round}, solver {solver}: {reason}");
            updates.Add(new Update(Address.Parse(solver), values, score));
        }
        var result = RobustAggregator.Aggregate(updates, NetworkRunner.AggregationFor(report.Options), AggregationBackend.Reference);
        WeightDelta.Apply(baseModel, result.Aggregate);
        var model = ModelBytes.Serialize(baseModel);
        return (ContentId.Of(model), ModelSharder.Split(model, ShardedModelStore.DataShards, ShardedModelStore.ParityShards).Manifest.MerkleRoot);
    }
}
