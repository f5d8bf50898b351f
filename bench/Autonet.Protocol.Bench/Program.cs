// Aggregation throughput beside this machine's memory bandwidth, measured in one run, and fast vs reference.
// Run: dotnet run -c Release --project bench/Autonet.Protocol.Bench [-- --quick]
// One-thread times are best-of, in thread CPU time on Linux (on a shared machine wall time mostly measures the
// neighbours); two-thread times are wall time, best-of, beside a two-thread read measured the same way.
// GB/s counts the update bytes read once (n × length × 4). Fast columns write into a reused buffer (the caller-buffer
// overload); the "new array" column allocates the aggregate per call, as the previous API always did (16 MB at 4M
// floats: the page faults cost about as much as the pass). Without clipping a rule reads the data once (its pass also
// validates and measures norms); with clipping the norms come first, so it is read twice.
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
var read2 = 0.0;

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "Vector512" : "Vector256")} kernels; "
    + (ThreadClock.IsThreadTime ? "1-thread times are this thread's CPU time" : "times are wall clock") + ", 2-thread times wall clock");
Console.WriteLine($"memory bandwidth: copy (read+write) {copied / 1e9:F2} GB/s; read (vector sum, 1 and 2 threads) measured beside each row, best so far");
Console.WriteLine();
Console.WriteLine("| rule | n | floats/update | 1 thread ms | GB/s | read bw | of read bw | new array GB/s | of read bw | 2 threads ms | GB/s | 2-thread read bw | of it | reference ms | 1-thread speed-up |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");

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
    var output = new float[length];
    foreach (var (name, options) in rules)
    {
        double one = double.MaxValue, two = double.MaxValue, allocating = double.MaxValue;
        for (var r = 0; r < repeats; r++)
        {
            // Interleaved, best of each: a noisy neighbour slows both sides of a ratio alike.
            read = Math.Max(read, MemoryBandwidth.ReadBytesPerSecond(big, 1));
            read2 = Math.Max(read2, MemoryBandwidth.ReadBytesPerSecondOnTwoThreads(big, 1));
            one = Math.Min(one, Time(() => RobustAggregator.Aggregate(updates, options, output, AggregationBackend.Fast, 1), ThreadClock.Now));
            two = Math.Min(two, Time(() => RobustAggregator.Aggregate(updates, options, output, AggregationBackend.Fast, 2), WallClock));
            allocating = Math.Min(allocating, Time(() => RobustAggregator.Aggregate(updates, options, AggregationBackend.Fast, 1), ThreadClock.Now));
        }

        var reference = Time(() => RobustAggregator.Aggregate(updates, options, AggregationBackend.Reference), ThreadClock.Now);
        Console.WriteLine(
            $"| {name} | {Count} | {length:N0} | {one * 1e3:F1} | {bytes / one / 1e9:F2} | {read / 1e9:F2} | {bytes / one / read:P0} "
            + $"| {bytes / allocating / 1e9:F2} | {bytes / allocating / read:P0} "
            + $"| {two * 1e3:F1} | {bytes / two / 1e9:F2} | {read2 / 1e9:F2} | {bytes / two / read2:P0} | {reference * 1e3:F0} | {reference / one:F1}x |");
    }
}

static double WallClock() => System.Diagnostics.Stopwatch.GetTimestamp() / (double)System.Diagnostics.Stopwatch.Frequency;

static double Time(Func<AggregationResult> aggregate, Func<double> clock)
{
    aggregate(); // warm-up: JIT, compiled networks, page faults
    var start = clock();
    aggregate();
    return clock() - start;
}
