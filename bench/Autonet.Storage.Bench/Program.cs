// Reed-Solomon throughput on one core: every supported kernel (naive reference first) for 10+4 and 4+1 with
// 1 MiB and 16 MiB shards, encode and reconstruct, printed as GB/s of data (k x shard bytes) beside SHA-256
// measured on the same bytes in the same run, plus each kernel's speed-up over the naive reference.
// Timings are the fastest of several calls. Run: dotnet run -c Release --project bench/Autonet.Storage.Bench [-- --quick]
using System.Diagnostics;
using System.Runtime.Intrinsics.X86;
using Autonet.Storage.Erasure;

var quick = args.Contains("--quick");
var minSeconds = quick ? 0.2 : 0.6;
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault(); // e.g. "10+4:1" (code:shard MiB)
Console.WriteLine($"CPU: {Environment.ProcessorCount} logical cores, AVX2={Avx2.IsSupported}, AVX-512BW={Avx512BW.IsSupported}, " +
    $"GFNI={Gfni.IsSupported}, GFNI-256={Gfni.V256.IsSupported}, GFNI-512={Gfni.V512.IsSupported}; single thread");
Console.WriteLine($"{"code",-6} {"shard",-7} {"kernel",-12} {"encode GB/s",12} {"rebuild GB/s",13} {"SHA-256 GB/s",13} {"enc/SHA",8} {"enc/naive",10}");

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

        var dataBytes = (double)k * size;
        // SHA-256 per shard (calls as short as the codec's), scaled to the k data shards.
        var sha = k * Measure(minSeconds, () => System.Security.Cryptography.SHA256.HashData(shards[0]));
        double? naiveEncode = null;
        byte[][]? reference = null;
        foreach (var kernel in GaloisKernels.Supported)
        {
            var codec = new ReedSolomon(k, m, kernel);
            var naive = kernel == GaloisKernels.Naive;

            // The naive kernel takes seconds on 16 MiB shards: one timed call there, three on 1 MiB.
            var calls = naive && shardMiB > 1 ? 1 : 3;
            var encode = Measure(naive ? 0 : minSeconds, () => codec.Encode(shards), calls);
            reference ??= shards[k..].Select(s => s.ToArray()).ToArray();
            for (var i = 0; i < m; i++)
            {
                if (!reference[i].AsSpan().SequenceEqual(shards[k + i]))
                {
                    throw new InvalidOperationException($"{kernel.Name}: parity {i} differs from the naive kernel's");
                }
            }

            // Worst case: lose m data shards, so the rebuild runs the inverted matrix over all k survivors.
            var rebuild = Measure(naive ? 0 : minSeconds, () =>
            {
                var damaged = shards.Select(s => (byte[]?)s).ToArray();
                for (var i = 0; i < Math.Min(m, k); i++)
                {
                    damaged[i] = null;
                }

                codec.Reconstruct(damaged);
            }, calls);
            var encodeGbs = dataBytes / encode / 1e9;
            naiveEncode ??= encodeGbs;
            Console.WriteLine($"{k}+{m,-4} {shardMiB + " MiB",-7} {kernel.Name,-12} {encodeGbs,12:F3} {dataBytes / rebuild / 1e9,13:F3} " +
                $"{dataBytes / sha / 1e9,13:F3} {encodeGbs / (dataBytes / sha / 1e9),8:F2} {encodeGbs / naiveEncode.Value,10:F1}");
        }
    }
}

// Seconds per call: one warm-up, then repeat until minSeconds have passed (at least minCalls timed calls), keeping
// the fastest call: this machine is shared, and the minimum is the figure least disturbed by other processes.
static double Measure(double minSeconds, Action action, int minCalls = 3)
{
    if (minCalls > 1)
    {
        action();
    }

    var total = Stopwatch.StartNew();
    var best = double.MaxValue;
    var calls = 0;
    do
    {
        var watch = Stopwatch.StartNew();
        action();
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
        calls++;
    }
    while (calls < minCalls || total.Elapsed.TotalSeconds < minSeconds);
    return best;
}
