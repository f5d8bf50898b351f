// Inference speed, each figure beside a peer in the same run (CONVENTIONS "Benchmarks"):
//  1. embeddings/s at batch 1 and 64 for a text JEPA (width 64, depth 2, 128-token inputs, the README's served
//     model) and an I-JEPA (width 128, depth 4, 28x28): OpenBLAS sgemm vs the project's managed GEMM
//     (Gemm.ForceManaged, the fallback and oracle) on the same weights and threads; and for the text JEPA, PyTorch
//     (Debian's python3-torch, encoder_torch.py) running the same forward from the same safetensors file with the same
//     thread count, its first embedding checked against ours. Without torch the bench says so and prints no figure.
//  2. decoder tokens/s (the FiLM decoder at its default shape, greedy), OpenBLAS vs managed.
//  3. p50/p99 latency of POST /v1/embeddings on a real Kestrel server under C concurrent clients (bounded load).
// Usage: dotnet run -c Release --project bench/Autonet.Inference.Bench [-- THREADS [CLIENTS [REQUESTS]]]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Autonet.Inference.Api;
using Autonet.Inference.Decoding;
using Autonet.Inference.Encoders;
using Autonet.Inference.Serving;
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Tensors.Blas;
using Autonet.Tensors.Memory;
using Autonet.Training.Jepa;

var threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
var requests = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 400;
Parallelism.Degree = threads;
Gemm.NativeThreads = threads;
Console.WriteLine($"threads {threads}; {Gemm.Describe()}");

var text = ModelLoader.FromBytes(ModelBytes.Serialize(new JepaModel(new JepaConfig { Modality = Modality.Text, Width = 64, Depth = 2, Heads = 4, PredictorWidth = 32, PredictorDepth = 1, MaxTokens = 128 }, 1)), "text", "bench");
var image = ModelLoader.FromBytes(ModelBytes.Serialize(new JepaModel(new JepaConfig { Modality = Modality.Image }, 1)), "image", "bench");
var sentence = new string('a', 126); // 126 bytes + BOS + EOS = the whole 128-token window
var png = Convert.ToBase64String(Png());

Console.WriteLine("| model | batch | OpenBLAS emb/s | managed GEMM emb/s | ratio |");
Console.WriteLine("| --- | --- | --- | --- | --- |");
foreach (var (model, input) in new[] { (text, sentence), (image, png) })
{
    foreach (var batch in new[] { 1, 64 })
    {
        var inputs = Enumerable.Repeat(input, batch).ToList();
        var fast = Rate(() => Embedder.Embed(model, inputs, model.Arena).Vectors.Length, managed: false);
        var peer = Rate(() => Embedder.Embed(model, inputs, model.Arena).Vectors.Length, managed: true);
        Console.WriteLine(Inv($"| {model.Id} | {batch} | {fast:F1} | {peer:F1} | {fast / peer:F2} |"));
    }
}

var torch = TorchRates(text, sentence, threads);
if (torch is { } pytorch)
{
    Console.WriteLine(pytorch.Check);
    Console.WriteLine("| text encoder forward | batch | Autonet (OpenBLAS) emb/s | PyTorch emb/s | ratio |");
    Console.WriteLine("| --- | --- | --- | --- | --- |");
    foreach (var (batch, rate) in pytorch.Rates)
    {
        var inputs = Enumerable.Repeat(sentence, batch).ToList();
        var ours = Rate(() => Embedder.Embed(text, inputs, text.Arena).Vectors.Length, managed: false);
        Console.WriteLine(Inv($"| {text.Id} | {batch} | {ours:F1} | {rate:F1} | {ours / rate:F2} |"));
    }
}

var decoder = new FilmDecoder(new DecoderConfig { K = text.KVectors.K, D = text.KVectors.D, PlanContext = 96 }, 1);
var plan = new KVectorEncoder(text.Model).Encode(ConversationText.ContextIds([new ChatMessage("user", "What is vim?")]), new ActivationArena());
var sampler = new Sampler(decoder);
const int tokens = 256; // at most; each step is one decoder forward
var decodeFast = Rate(() => sampler.Generate(plan, tokens, 0, 1, null).Count + 1, managed: false);
var decodePeer = Rate(() => sampler.Generate(plan, tokens, 0, 1, null).Count + 1, managed: true);
Console.WriteLine(Inv($"decoder ({decoder.Parameters.Count} parameters, window {decoder.Config.Window}): {decodeFast:F0} tokens/s OpenBLAS, {decodePeer:F0} managed GEMM, ratio {decodeFast / decodePeer:F2} (each step is one forward; a stop at EOS counts as a step)"));

using var catalog = new ModelCatalog([text]);
await using var server = await InferenceServer.StartAsync(catalog, null, new InferenceServerOptions { Port = 0 }, CancellationToken.None);
using var http = new HttpClient { BaseAddress = server.Address };
var latencies = new double[requests];
var next = -1;
async Task ClientAsync()
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < requests)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync("v1/embeddings", new { model = "text", input = sentence });
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
        latencies[i] = clock.Elapsed.TotalMilliseconds;
    }
}
await ClientAsync(); // warm up: one client, every request once
next = -1;
var wall = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => ClientAsync()));
var seconds = wall.Elapsed.TotalSeconds;
Array.Sort(latencies);
var direct = Rate(() => Embedder.Embed(text, [sentence], text.Arena).Vectors.Length, managed: false);
Console.WriteLine(Inv($"POST /v1/embeddings, {clients} concurrent clients, {requests} requests of one 126-byte text: p50 {latencies[requests / 2]:F2} ms, p99 {latencies[(int)(requests * 0.99)]:F2} ms, {requests / seconds:F0} requests/s; the in-process call at batch 1 in the same run: {direct:F0}/s ({requests / seconds / direct:F2} of it over HTTP)"));

// Items per second (the call returns how many it did): repeat it for at least 1.5 s after one warm-up call.
static double Rate(Func<int> call, bool managed)
{
    Gemm.ForceManaged = managed;
    try
    {
        call();
        var clock = Stopwatch.StartNew();
        var done = 0;
        while (clock.Elapsed.TotalSeconds < 1.5)
        {
            done += call();
        }
        return done / clock.Elapsed.TotalSeconds;
    }
    finally
    {
        Gemm.ForceManaged = false;
    }
}

// PyTorch's embeddings/s at batch 1 and 64 for the same model file and ids, or null (with the reason printed) without torch.
static (string Check, List<(int Batch, double Rate)> Rates)? TorchRates(ServedModel model, string sentence, int threads)
{
    var script = Path.Combine(AppContext.BaseDirectory, "encoder_torch.py");
    var file = Path.Combine(Path.GetTempPath(), $"autonet-bench-{Environment.ProcessId}.safetensors");
    File.WriteAllBytes(file, ModelBytes.Serialize(model.Model));
    try
    {
        var ids = string.Join(',', Autonet.Data.Text.ByteTokenizer.Encode(sentence, addBosEos: true));
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, file, threads.ToString(CultureInfo.InvariantCulture), ids, "1", "64" })
        {
            start.ArgumentList.Add(argument);
        }
        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEnd();
        var errors = python.StandardError.ReadToEnd();
        python.WaitForExit();
        if (python.ExitCode != 0)
        {
            Console.WriteLine($"peer PyTorch: not measured ({(errors.Contains("No module named 'torch'", StringComparison.Ordinal) ? "no torch: apt-get install python3-torch" : errors.Trim())})");
            return null;
        }
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var theirs = lines[0]["torch check: ".Length..].Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        var ours = Embedder.Embed(model, [sentence], model.Arena).Vectors[0];
        var norm = Math.Sqrt(ours.Sum(x => (double)x * x));
        var gap = Enumerable.Range(0, 4).Max(i => Math.Abs(ours[i] - theirs[i]));
        var check = Inv($"PyTorch {TorchVersion()} computes the same embedding: first values differ by at most {gap:E1}, norms {norm:F5} vs {theirs[4]:F5}");
        if (gap > 1e-3 || Math.Abs(norm - theirs[4]) > 1e-3 * norm)
        {
            throw new InvalidOperationException($"encoder_torch.py disagrees with Embedder: {check}");
        }
        var rates = lines.Skip(1).Select(l => l.Split(' ')).Select(w => (int.Parse(w[2], CultureInfo.InvariantCulture), double.Parse(w[^1], CultureInfo.InvariantCulture))).ToList();
        return (check, rates);
    }
    catch (System.ComponentModel.Win32Exception)
    {
        Console.WriteLine("peer PyTorch: not measured (no /usr/bin/python3)");
        return null;
    }
    finally
    {
        File.Delete(file);
    }
}

static string TorchVersion()
{
    using var probe = Process.Start(new ProcessStartInfo("/usr/bin/python3", "-c \"import torch; print(torch.__version__)\"") { RedirectStandardOutput = true })!;
    var version = probe.StandardOutput.ReadToEnd().Trim();
    probe.WaitForExit();
    return version;
}

static byte[] Png()
{
    using var bitmap = new SkiaSharp.SKBitmap(28, 28);
    using var encoded = SkiaSharp.SKImage.FromBitmap(bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
    return encoded.ToArray();
}

static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
