// Issue 14's storage across providers beside a single blob, in the same run: three provider gateways (Kestrel over disk
// stores, real HTTP on loopback) and, for the network run's default model and `autonet train`'s default model (real
// JEPA weights as safetensors), the time to upload the whole file to one gateway and read it back (the single-blob
// peer), to erasure-code it 4 + 2 and upload the shards across the three (ModelPublisher) and to fetch, verify and
// rebuild it with all three up and with one down (ModelFetcher; the down one refuses connections). Wall time (network
// and disk are the point), median of --rounds rounds, each round a model of new bytes (stores deduplicate).
// Run: dotnet run -c Release --project bench/Autonet.Storage.Bench -- distributed [--rounds N]
using System.Diagnostics;
using Autonet.Core.Ids;
using Autonet.Models.Jepa;
using Autonet.Storage.Blobs;
using Autonet.Storage.Sharding;

internal static class DistributedBench
{
    public static async Task RunAsync(string[] args)
    {
        var rounds = int.Parse(args.SkipWhile(a => a != "--rounds").Skip(1).FirstOrDefault() ?? "5", System.Globalization.CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("autonet-distributed-bench-").FullName;
        using var http = new HttpClient();
        var gateways = new List<BlobGateway>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                gateways.Add(await BlobGateway.StartAsync(new DiskBlobStore(Path.Combine(folder, $"provider-{i}")), new BlobGatewayOptions(), CancellationToken.None));
            }
            var providers = ShardProvider.FromGateways(http, gateways.Select(g => g.Address));
            var closed = new Uri("http://127.0.0.1:9/"); // the discard port: nothing listens, connections are refused
            var oneDown = new[] { providers[0], new ShardProvider(closed.ToString(), new HttpBlobStore(http, closed, retry: RetryPolicy.None)), providers[2] };
            Console.WriteLine($"3 provider gateways on loopback, code 4 + 2, {rounds} rounds, median wall ms; load {Load()}");
            Console.WriteLine($"{"model",-26} {"bytes",10} {"single put",11} {"single get",11} {"shard+put",10} {"fetch+rebuild",14} {"one down",9} {"put ratio",10} {"get ratio",10} {"of which: split",9} {"chunk roots",12}");
            var models = new (string Name, JepaConfig Config)[]
            {
                ("network run (w32 d2)", Autonet.Devnet.Network.NetworkOptions.DefaultModel(Modality.Image)),
                ("autonet train (w128 d4)", new JepaConfig { Modality = Modality.Image }),
            };
            foreach (var (name, config) in models)
            {
                var timings = new List<double[]>();
                var size = 0;
                for (var round = 0; round <= rounds; round++) // round 0 warms up and is not counted
                {
                    var bytes = Autonet.Training.Jepa.ModelBytes.Serialize(new JepaModel(config, 100 + round));
                    size = bytes.Length;
                    var t = new double[7];
                    var single = providers[0].Store;
                    t[0] = await TimeAsync(() => single.PutAsync(bytes, CancellationToken.None));
                    var id = ContentId.Of(bytes);
                    t[1] = await TimeAsync(async () => Check(bytes, await single.GetAsync(id, bytes.Length, CancellationToken.None)));
                    PublishResult? published = null;
                    t[2] = await TimeAsync(async () => published = await ModelPublisher.PublishAsync(bytes, 4, 2, providers, CancellationToken.None));
                    t[3] = await TimeAsync(async () => Check(bytes, (await ModelFetcher.FetchAsync(published!.ManifestId, providers, published.Manifest.MerkleRoot, CancellationToken.None)).Content));
                    t[4] = await TimeAsync(async () => Check(bytes, (await ModelFetcher.FetchAsync(published!.ManifestId, oneDown, published.Manifest.MerkleRoot, CancellationToken.None)).Content));
                    ShardedModel? split = null;
                    t[5] = await TimeAsync(() => { split = ModelSharder.Split(bytes, 4, 2); return Task.CompletedTask; });
                    t[6] = await TimeAsync(() => { foreach (var shard in split!.Shards) { _ = new Autonet.Storage.Possession.ChunkTree(shard).Root; } return Task.CompletedTask; });
                    if (round > 0)
                    {
                        timings.Add(t);
                    }
                }
                var median = Enumerable.Range(0, 7).Select(c => Median(timings.Select(t => t[c]))).ToArray();
                Console.WriteLine($"{name,-26} {size,10:N0} {median[0],11:F1} {median[1],11:F1} {median[2],10:F1} {median[3],14:F1} {median[4],9:F1} {median[2] / median[0],9:F2}x {median[3] / median[1],9:F2}x {median[5],9:F1} {median[6],12:F1}");
            }
            Console.WriteLine($"ratios: sharded / single blob (shard+put / single put, fetch+rebuild / single get); split (Reed-Solomon + SHA-256s) and chunk roots (possession trees: SHA-256 per 1 KiB chunk, keccak above) are parts of shard+put, timed alone; load at the end {Load()}");
        }
        finally
        {
            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync();
            }
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Check(byte[] expected, byte[]? actual)
    {
        if (actual is null || !actual.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException("the bytes read back differ from the bytes stored");
        }
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";
}
