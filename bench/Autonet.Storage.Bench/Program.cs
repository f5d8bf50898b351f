// Reed-Solomon throughput on one core beside klauspost/reedsolomon (Go, bench/erasure-peer) in the same run: every
// supported kernel (naive reference first) for 10+4 and 4+1 with 1 MiB and 16 MiB shards, encode and rebuild (m data
// shards lost, rebuilt into the caller's buffers), as GB/s of data (k x shard bytes), each kernel's ratio to the peer
// and to the naive kernel. Timings are the fastest call by process CPU time on both sides (the machine is shared; a
// wait for a core is nobody's throughput), over `--rounds` alternations of ours and the peer's. The peer runs twice per
// round: as Go runs by default (its heap on transparent huge pages) and on 4 KiB pages like .NET's heap
// ("klauspost-4k"); the ratios are against the default one.
// Run: dotnet run -c Release --project bench/Autonet.Storage.Bench [-- --quick] [--rounds N] [--only 10+4:1] [--no-peer]
// `-- distributed` runs the other benchmark of this project instead: models across providers (DistributedBench.cs).
using System.Runtime.Intrinsics.X86;
using Autonet.Storage.Erasure;

if (args.Contains("distributed"))
{
    await DistributedBench.RunAsync(args);
    return;
}

var quick = args.Contains("--quick");
var minSeconds = quick ? 0.2 : 0.6;
var rounds = int.Parse(args.SkipWhile(a => a != "--rounds").Skip(1).FirstOrDefault() ?? (quick ? "1" : "2"), System.Globalization.CultureInfo.InvariantCulture);
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault(); // e.g. "10+4:1" (code:shard MiB)
Console.WriteLine($"CPU: {Environment.ProcessorCount} logical cores, AVX2={Avx2.IsSupported}, AVX-512BW={Avx512BW.IsSupported}, " +
    $"GFNI={Gfni.IsSupported}, GFNI-256={Gfni.V256.IsSupported}, GFNI-512={Gfni.V512.IsSupported}; single thread; load {LoadAverage()}");
var peer = args.Contains("--no-peer") ? null : GoPeer.Build();
Console.WriteLine(peer?.Binary is null
    ? $"peer: none in this run ({peer?.Status ?? "--no-peer"}); the klauspost rows are issue 11's figures, not this run"
    : $"peer: {peer.Status}");
Console.WriteLine($"{"code",-6} {"shard",-7} {"kernel",-12} {"encode GB/s",12} {"rebuild GB/s",13} {"enc/peer",9} {"reb/peer",9} {"enc/naive",10}");

foreach (var (k, m) in new[] { (10, 4), (4, 1) })
{
    foreach (var shardMiB in new[] { 1, 16 })
    {
        if (only is not null && only != $"{k}+{m}:{shardMiB}")
        {
            continue;
        }

        var size = shardMiB << 20;
        var shards = new byte[k + m][];
        var random = new Random(1);
        for (var i = 0; i < k + m; i++)
        {
            shards[i] = new byte[size];
            if (i < k)
            {
                random.NextBytes(shards[i]);
            }
        }

        var lost = shards[..m].Select(s => s.ToArray()).ToArray();
        var present = Enumerable.Range(0, k + m).Select(i => i >= m).ToArray();
        var ours = new Dictionary<GaloisKernel, (double Encode, double Rebuild)>();
        (double Encode, double Rebuild)? theirs = null, theirs4k = null;
        byte[][]? reference = null;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var kernel in GaloisKernels.Supported)
            {
                var naive = kernel == GaloisKernels.Naive;
                if (naive && round > 0)
                {
                    continue; // seconds per call on 16 MiB shards, and only the denominator of enc/naive
                }

                var codec = new ReedSolomon(k, m, kernel);
                var calls = naive && shardMiB > 1 ? 1 : 3;
                var encode = Measure(naive ? 0 : minSeconds, () => codec.Encode(shards), calls);
                reference ??= shards[k..].Select(s => s.ToArray()).ToArray();
                var rebuild = Measure(naive ? 0 : minSeconds, () => codec.Reconstruct(shards, present), calls);
                for (var i = 0; i < m; i++)
                {
                    if (!reference[i].AsSpan().SequenceEqual(shards[k + i]) || !lost[i].AsSpan().SequenceEqual(shards[i]))
                    {
                        throw new InvalidOperationException($"{kernel.Name}: parity {i} or rebuilt shard {i} differs from the naive kernel's");
                    }
                }

                var best = ours.GetValueOrDefault(kernel);
                ours[kernel] = (Math.Max(best.Encode, k * (double)size / encode / 1e9), Math.Max(best.Rebuild, k * (double)size / rebuild / 1e9));
            }

            if (peer?.Run(k, m, size, minSeconds, hugePages: true) is { } run)
            {
                theirs = (Math.Max(theirs?.Encode ?? 0, run.Encode), Math.Max(theirs?.Rebuild ?? 0, run.Rebuild));
            }

            if (peer?.Run(k, m, size, minSeconds, hugePages: false) is { } run4k)
            {
                theirs4k = (Math.Max(theirs4k?.Encode ?? 0, run4k.Encode), Math.Max(theirs4k?.Rebuild ?? 0, run4k.Rebuild));
            }
        }

        theirs ??= IssueFigures(k, m, shardMiB);
        var naiveEncode = ours[GaloisKernels.Naive].Encode;
        foreach (var (kernel, (encode, rebuild)) in ours)
        {
            Console.WriteLine($"{k}+{m,-4} {shardMiB + " MiB",-7} {kernel.Name,-12} {encode,12:F3} {rebuild,13:F3} " +
                $"{Ratio(encode, theirs?.Encode),9} {Ratio(rebuild, theirs?.Rebuild),9} {encode / naiveEncode,10:F1}");
        }

        Console.WriteLine($"{k}+{m,-4} {shardMiB + " MiB",-7} {"klauspost",-12} {Figure(theirs?.Encode),12} {Figure(theirs?.Rebuild),13}");
        if (theirs4k is { } pages)
        {
            Console.WriteLine($"{k}+{m,-4} {shardMiB + " MiB",-7} {"klauspost-4k",-12} {Figure(pages.Encode),12} {Figure(pages.Rebuild),13}");
        }
    }
}

Console.WriteLine($"load at the end: {LoadAverage()}");

// CPU seconds per call: one warm-up, then repeat until minSeconds of CPU have passed (at least minCalls timed calls),
// keeping the fastest call. Process CPU time (Environment.CpuUsage, getrusage on Linux) leaves out time spent waiting
// for a core on this shared machine; the Go peer measures the same way.
static double Measure(double minSeconds, Action action, int minCalls = 3)
{
    if (minCalls > 1)
    {
        action();
    }

    var total = Environment.CpuUsage.TotalTime;
    var best = double.MaxValue;
    var calls = 0;
    do
    {
        var before = Environment.CpuUsage.TotalTime;
        action();
        best = Math.Min(best, (Environment.CpuUsage.TotalTime - before).TotalSeconds);
        calls++;
    }
    while (calls < minCalls || (Environment.CpuUsage.TotalTime - total).TotalSeconds < minSeconds);
    return Math.Max(best, 1e-6); // a call shorter than getrusage's microsecond would read as zero
}

// Issue 11's side-by-side figures (klauspost master, one thread), for a run without the Go peer; null where it gave none.
static (double Encode, double Rebuild)? IssueFigures(int k, int m, int shardMiB) => (k, m, shardMiB) switch
{
    (10, 4, 1) => (40.9, double.NaN),
    (10, 4, 16) => (22.2, 16.7),
    (4, 1, 1) => (63.4, double.NaN),
    _ => null,
};

static string Ratio(double ours, double? theirs) => theirs is { } value && !double.IsNaN(value) ? $"{ours / value:F2}x" : "-";

static string Figure(double? value) => value is { } v && !double.IsNaN(v) ? $"{v:F3}" : "-";

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";
