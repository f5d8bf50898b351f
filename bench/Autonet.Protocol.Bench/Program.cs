// Aggregation throughput beside this machine's memory bandwidth, measured in one run, and fast vs reference.
// Run: dotnet run -c Release --project bench/Autonet.Protocol.Bench [-- --quick]
// Times are best-of, in thread CPU time on Linux: on a shared machine wall time mostly measures the neighbours.
// GB/s counts the update bytes read once (n × length × 4). Without clipping a rule reads the data once (its pass
// also validates and measures norms); with clipping the norms come first, so the data is read twice (ceiling ~50%).
using Autonet.Protocol.Aggregation;
using Autonet.Protocol.Bench;

var quick = args.Contains("--quick");
const int Count = 10;
int[] lengths = quick ? [1 << 18] : [1 << 20, 4 << 20];
var repeats = quick ? 2 : 5;

var big = new float[64 << 20]; // 256 MB: far beyond the caches
var copy = new float[big.Length];
big.AsSpan().Fill(1f); // touch every page before timing

var copied = MemoryBandwidth.CopyBytesPerSecond(big, copy, 5);
copy = null;
var read = 0.0; // best read bandwidth seen so far; re-measured beside every row, since the machine is shared

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated switch { true => "AVX2", false => "no AVX2" }}; one thread; "
    + (ThreadClock.IsThreadTime ? "times are this thread's CPU time (robust to other processes)" : "times are wall clock"));
Console.WriteLine($"memory bandwidth: copy (read+write) {copied / 1e9:F2} GB/s; read (vector sum) measured beside each row, best so far");
Console.WriteLine();
Console.WriteLine("| rule | n | floats/update | fast ms | fast GB/s | read bw GB/s | of read bw | reference ms | fast/reference speed-up |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");

(string Name, AggregationOptions Options)[] rules =
[
    ("fedavg", new AggregationOptions { Rule = AggregationRule.FedAvg }),
    ("fedavg+clip", new AggregationOptions { Rule = AggregationRule.FedAvg, ClipNorm = 100 }),
    ("median", new AggregationOptions { Rule = AggregationRule.Median }),
    ("trimmed-mean t=2", new AggregationOptions { Rule = AggregationRule.TrimmedMean, TrimPerSide = 2 }),
    ("krum f=3", new AggregationOptions { Rule = AggregationRule.Krum, ByzantineCount = 3 }),
    ("multi-krum f=3 m=5", new AggregationOptions { Rule = AggregationRule.Krum, ByzantineCount = 3, KrumSelect = 5 }),
];

foreach (var length in lengths)
{
    var random = new Random(length);
    var updates = new List<Update>();
    for (var i = 0; i < Count; i++)
    {
        var delta = new float[length];
        for (var j = 0; j < length; j++)
        {
            delta[j] = (float)(random.NextDouble() - 0.5);
        }

        var address = new byte[20];
        address[19] = (byte)i;
        updates.Add(new Update(new Autonet.Core.Ids.Address(address), delta, 1 + i));
    }

    var bytes = (double)Count * length * 4;
    foreach (var (name, options) in rules)
    {
        var fast = double.MaxValue;
        for (var r = 0; r < repeats; r++)
        {
            // Interleaved, best of each: a noisy neighbour slows both sides of the ratio alike.
            read = Math.Max(read, MemoryBandwidth.ReadBytesPerSecond(big, 1));
            fast = Math.Min(fast, Time(updates, options, AggregationBackend.Fast, 1));
        }

        var reference = Time(updates, options, AggregationBackend.Reference, 1);
        Console.WriteLine(
            $"| {name} | {Count} | {length:N0} | {fast * 1e3:F1} | {bytes / fast / 1e9:F2} | {read / 1e9:F2} | {bytes / fast / read:P0} | {reference * 1e3:F0} | {reference / fast:F1}x |");
    }
}

static double Time(List<Update> updates, AggregationOptions options, AggregationBackend backend, int repeats)
{
    RobustAggregator.Aggregate(updates, options, backend); // warm-up: JIT and page faults
    var best = double.MaxValue;
    for (var r = 0; r < repeats; r++)
    {
        var start = ThreadClock.Now();
        RobustAggregator.Aggregate(updates, options, backend);
        best = Math.Min(best, ThreadClock.Now() - start);
    }

    return best;
}
