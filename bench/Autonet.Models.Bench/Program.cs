// The text encoder at long sequences (seed 001 story 6.1: up to 2048 tokens): forward + backward of the text JEPA's
// encoder (byte tokens, width 128, depth 4, 4 heads) at 128, 512, 1024 and 2048 tokens with the same 2048 tokens per
// step (batch 16, 4, 2, 1), so the tokens/s ratio to the 128-token peer in this same run shows what attention's
// T^2 costs. Memory: the activation arena's peak bytes per step (exact) and the process's peak working set (monotone
// over the run, so the lengths run in increasing order). Run: dotnet run -c Release --project bench/Autonet.Models.Bench [threads] [steps]
using System.Diagnostics;
using System.Globalization;
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Tensors.Blas;
using Autonet.Tensors.Memory;

var ic = CultureInfo.InvariantCulture;
var threads = args.Length > 0 ? int.Parse(args[0], ic) : 2;
var steps = args.Length > 1 ? int.Parse(args[1], ic) : 3;
Parallelism.Degree = threads;
Gemm.NativeThreads = threads;
const int TokensPerStep = 2048;
Console.WriteLine($"text encoder width 128, depth 4, 4 heads, {TokensPerStep} tokens a step, {threads} threads, {steps} timed steps after 1 warm-up; {Gemm.Describe()}");
Console.WriteLine("tokens\tbatch\ttokens/s\tvs 128\tarena MiB\tattention probs MiB\tpeak working set MiB");
double? peer = null;
foreach (var length in new[] { 128, 512, 1024, 2048 })
{
    var config = new JepaConfig { Modality = Modality.Text, MaxTokens = length, Width = 128, Depth = 4, Heads = 4 };
    var batch = TokensPerStep / length;
    var encoder = new TextTokenEncoder(new ParameterArena(seed: 1), config, "encoder.");
    var random = new Random(2);
    var input = JepaInput.FromIds([.. Enumerable.Range(0, batch * length).Select(_ => random.Next(4, 260))], batch);
    var acts = new ActivationArena(1 << 20);
    var dy = Tensor.Zeros(batch, length, config.Width);
    for (var i = 0; i < dy.Length; i++)
    {
        dy.Span[i] = (float)(random.NextDouble() - 0.5);
    }
    void Step()
    {
        acts.Reset();
        encoder.Forward(input, null, acts); // (B, T, C)
        encoder.Backward(dy, acts);
    }
    Step(); // warm-up: JIT, arena growth
    var clock = Stopwatch.StartNew();
    for (var s = 0; s < steps; s++)
    {
        Step();
    }
    var rate = steps * TokensPerStep / clock.Elapsed.TotalSeconds;
    peer ??= rate;
    var probs = (double)config.Depth * batch * config.Heads * length * length * sizeof(float) / (1 << 20); // kept for backward, every block
    Console.WriteLine(string.Create(ic, $"{length}\t{batch}\t{rate:F0}\t{rate / peer.Value:F2}\t{acts.Peak * sizeof(float) / (double)(1 << 20):F0}\t{probs:F0}\t{Process.GetCurrentProcess().PeakWorkingSet64 / (double)(1 << 20):F0}"));
}
