// Trains the benchmark ViT (issue 3) with Autonet.Tensors, then runs the same model in PyTorch (bench/tensors/vit_torch.py)
// in the same invocation and prints both throughputs, the ratio, achieved GFLOP/s and the fraction of the sgemm peak
// measured in this run. Run with bench/tensors/run.sh [threads] [batch] [steps] [warmup] [rounds].
using System.Diagnostics;
using System.Globalization;
using Autonet.Tensors;
using Autonet.Tensors.Blas;
using Autonet.Tensors.IO;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Modules;
using Autonet.Tensors.Ops;
using Autonet.Tensors.Optim;

var script = args.Length > 1 && args[0] == "--torch-script" ? args[1] : null;
var rest = script == null ? args : args[2..];
int Arg(int i, int fallback) => rest.Length > i ? int.Parse(rest[i], CultureInfo.InvariantCulture) : fallback;
var (threads, batch, steps, warmup, rounds) = (Arg(0, 2), Arg(1, 128), Arg(2, 10), Arg(3, 2), Arg(4, 2));

Parallelism.Degree = threads;
Gemm.NativeThreads = threads;
Gemm.SplitAcrossThreads = Environment.GetEnvironmentVariable("AUTONET_GEMM_SPLIT") != "0"; // 0: OpenBLAS's own threads
var config = new VitConfig(28, 4, 1, 192, 6, 3, 4);
var arena = new ParameterArena(seed: 0);
var vit = new VitEncoder(arena, config);
var head = new LinearLayer(arena, "head", config.Width, 10);
var optimizer = new AdamW(arena, weightDecay: 0.05f);
var acts = new ActivationArena();
var rng = new Random(0);
var images = Tensor.Zeros(batch, 1, 28, 28);
for (var i = 0; i < images.Length; i++)
{
    images.Span[i] = (float)rng.NextDouble();
}
var labels = Enumerable.Range(0, batch).Select(_ => rng.Next(10)).ToArray();

float Step()
{
    acts.Reset();
    arena.ZeroGrads();
    var x = vit.Forward(images, acts); // (B, T, C)
    var pooled = acts.Take(batch, config.Width);
    Tokens.MeanPool(x, pooled);
    var logits = head.Forward(pooled, acts); // (B, 10)
    var dLogits = acts.Take(logits.Shape);
    var loss = Loss.CrossEntropy(logits, labels, dLogits);
    var dPooled = head.Backward(dLogits, acts)!;
    var dx = acts.Take(x.Shape);
    Tokens.MeanPoolBackward(dPooled, dx);
    vit.Backward(dx, acts);
    optimizer.Update(1e-3f);
    if (Environment.GetEnvironmentVariable("BENCH_TRACE") == "1")
    {
        Console.WriteLine($"    loss {loss:F4}");
    }
    return loss;
}

// Rounds alternate ours and PyTorch so background load on this shared machine hits both alike; best of each counts.
double RunOurs(out float loss)
{
    for (var i = 0; i < warmup; i++)
    {
        Step();
    }
    var sw = Stopwatch.StartNew();
    loss = 0f;
    for (var i = 0; i < steps; i++)
    {
        loss = Step();
    }
    return batch * steps / sw.Elapsed.TotalSeconds;
}

double? RunTorch()
{
    if (script == null)
    {
        return null;
    }
    var psi = new ProcessStartInfo("/usr/bin/python3", [script, $"{threads}", $"{batch}", $"{steps}", $"{warmup}"])
    {
        RedirectStandardOutput = true,
    };
    using var proc = Process.Start(psi)!; // Start returns null only for shell-executed documents
    var output = proc.StandardOutput.ReadToEnd();
    proc.WaitForExit();
    var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("torch samples/s:", StringComparison.Ordinal));
    if (proc.ExitCode != 0 || line == null)
    {
        Console.WriteLine($"pytorch run failed (exit {proc.ExitCode}); is python3-torch installed under /usr/bin/python3?");
        return double.NaN;
    }
    var torch = double.Parse(line.Split(':')[1], CultureInfo.InvariantCulture);
    Console.WriteLine($"  torch   {torch,8:F2} samples/s");
    return torch;
}

// Model FLOPs per sample: forward multiply-adds x 2, training = 3 x forward (backward ~ 2 x forward).
double t = config.Tokens, c = config.Width, hidden = c * config.MlpRatio;
var forwardMacs = (t * config.PatchDim * c) + (config.Depth * ((t * c * 3 * c) + (t * c * c) + (2 * t * c * hidden) + (2 * t * t * c))) + (c * 10);
var trainFlops = 3 * 2 * forwardMacs;

Console.WriteLine($"blas: {Gemm.Describe()}; threads {threads}, batch {batch}, steps {steps} (+{warmup} warm-up), rounds {rounds}");
var peak = Gemm.MeasureGflops(2048);
var (ours, theirs, lastLoss) = (0.0, 0.0, 0f);
for (var round = 0; round < rounds; round++)
{
    var sps = RunOurs(out lastLoss);
    Console.WriteLine($"  autonet {sps,8:F2} samples/s");
    ours = Math.Max(ours, sps);
    var torch = RunTorch();
    if (torch is double v)
    {
        if (double.IsNaN(v))
        {
            return 1;
        }
        theirs = Math.Max(theirs, v);
    }
}
peak = Math.Max(peak, Gemm.MeasureGflops(2048));
var gflops = ours * trainFlops / 1e9;
Console.WriteLine($"autonet loss after {rounds * (steps + warmup)} steps: {lastLoss:F4}");
Console.WriteLine($"autonet samples/s: {ours:F2}");
Console.WriteLine($"autonet GFLOP/s: {gflops:F1} ({trainFlops / 1e6:F0} MFLOP per sample)");
Console.WriteLine($"sgemm peak (2048^3, best of start and end): {peak:F1} GFLOP/s; fraction of peak: {100 * gflops / peak:F1}%");
if (script != null)
{
    // The trained arena as safetensors, read back by PyTorch: same tensor count, float count and sum.
    var path = Path.Combine(Path.GetTempPath(), $"autonet-bench-{Environment.ProcessId}.safetensors");
    using (var file = File.Create(path))
    {
        Safetensors.Write(file, arena, new Dictionary<string, string> { ["model"] = "bench-vit" });
    }
    var psi = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(Path.GetDirectoryName(script)!, "read_safetensors.py"), path])
    {
        RedirectStandardOutput = true,
    };
    using var proc = Process.Start(psi)!; // Start returns null only for shell-executed documents
    var read = proc.StandardOutput.ReadToEnd().Trim();
    proc.WaitForExit();
    File.Delete(path);
    var sum = arena.Values.Sum(v => (double)v);
    Console.WriteLine($"checkpoint: autonet wrote tensors {arena.Parameters.Count} floats {arena.Count} sum {sum:F6}; torch read: {read}");
}
if (theirs > 0)
{
    Console.WriteLine($"torch samples/s: {theirs:F2}");
    Console.WriteLine($"ratio autonet/torch: {ours / theirs:F2}x");
}
return 0;
