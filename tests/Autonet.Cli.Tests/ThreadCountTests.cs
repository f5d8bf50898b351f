using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Autonet.Inference.Encoders;
using Autonet.Inference.Market;
using Autonet.Inference.Serving;
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Training.Jepa;

namespace Autonet.Cli.Tests;

/// <summary>
/// The dispute rule (seed 003: a client that recomputes a signed response and gets other K-vectors holds a proof)
/// needs the bytes of a forward not to depend on thread counts: `autonet serve` and `autonet embed` at --threads 1, 2
/// and 4, each its own process, give the same bytes, and a judge's recomputation at yet another count hashes to what
/// every server would sign. The model is 64 wide over 128 tokens, so its products are over Gemm's 1M multiply-add
/// threshold and run in blocks spread over the threads.
/// </summary>
public sealed partial class ThreadCountTests : IDisposable
{
    private static readonly JepaConfig Config = new() { Modality = Modality.Text, Width = 64, Depth = 2, Heads = 4, MaxTokens = 128, PredictorWidth = 32, PredictorDepth = 1 };
    private readonly string _dir = Directory.CreateTempSubdirectory("autonet-threads-").FullName;
    private readonly string _home = CliProcess.NewHome();

    [Fact]
    public async Task ServeEmbedAndRecompute_OneTwoFourThreads_SameBytes()
    {
        var model = Path.Combine(_dir, "model.safetensors");
        var modelBytes = ModelBytes.Serialize(new JepaModel(Config, 7));
        await File.WriteAllBytesAsync(model, modelBytes);
        var lines = Enumerable.Range(0, 70).Select(i => $"question {i}: what does the Debian package lib{i * 37}-utils do, and who uses it?").ToArray();
        var text = Path.Combine(_dir, "lines.txt");
        await File.WriteAllLinesAsync(text, lines);
        var kvBody = JsonSerializer.SerializeToUtf8Bytes(new { model = "m", messages = new[] { new { role = "user", content = "What is the Debian package libreoffice-style-sifr for?" } } });
        var (files, plans, embeddings) = (new List<byte[]>(), new List<string>(), new List<string>());
        foreach (var threads in new[] { "1", "2", "4" })
        {
            var output = Path.Combine(_dir, $"embeddings-{threads}.safetensors");
            var embedded = await CliProcess.RunAsync("--home", _home, "embed", "--checkpoint", model, "--text", text, "-o", output, "--threads", threads);
            Assert.True(embedded.Code == 0, embedded.ToString());
            files.Add(await File.ReadAllBytesAsync(output));
            using var serve = CliProcess.Start("--home", _home, "serve", "--checkpoint", model, "--name", "m", "--port", "0", "--threads", threads);
            try
            {
                using var http = new HttpClient { BaseAddress = await ServingAddressAsync(serve) };
                using var kv = await http.PostAsync("v1/kvectors", new ByteArrayContent(kvBody) { Headers = { ContentType = new("application/json") } });
                Assert.True(kv.IsSuccessStatusCode, await kv.Content.ReadAsStringAsync());
                plans.Add(JsonDocument.Parse(await kv.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetString()!);
                using var emb = await http.PostAsJsonAsync("v1/embeddings", new { model = "m", input = lines[..64], encoding_format = "base64" });
                Assert.True(emb.IsSuccessStatusCode, await emb.Content.ReadAsStringAsync());
                var data = JsonDocument.Parse(await emb.Content.ReadAsStringAsync()).RootElement.GetProperty("data");
                embeddings.Add(string.Join(",", data.EnumerateArray().Select(e => e.GetProperty("embedding").GetString())));
            }
            finally
            {
                await CliProcess.InterruptAsync(serve);
            }
        }

        Assert.All(files, f => Assert.Equal(files[0], f));
        Assert.All(plans, p => Assert.Equal(plans[0], p));
        Assert.All(embeddings, e => Assert.Equal(embeddings[0], e));
        var degree = Parallelism.Degree;
        Parallelism.Degree = 3; // the judge's own count: another machine, another core count
        try
        {
            using var served = ModelLoader.FromBytes(modelBytes, "m", "test");
            var recomputed = await ResponseRecomputer.RecomputeAsync(served, PaidHashes.RequestBytes("/v1/kvectors", kvBody), CancellationToken.None);
            Assert.True(FloatCodec.TryFromBase64(plans[0], out var plan, out var reason), reason);
            Assert.Equal(PaidHashes.Response([plan]), recomputed);
        }
        finally
        {
            Parallelism.Degree = degree;
        }
    }

    [Fact]
    public async Task Embed_ZeroThreads_IsAUsageErrorNamingTheValue()
    {
        var result = await CliProcess.RunAsync("--home", _home, "embed", "--checkpoint", "none.safetensors", "--text", "none.txt", "-o", Path.Combine(_dir, "out.safetensors"), "--threads", "0");
        Assert.True(result.Code == 2, result.ToString());
        Assert.Contains("--threads 0: must be 1 or more", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private static async Task<Uri> ServingAddressAsync(Process serve)
    {
        var said = "";
        while (!said.Contains("serving at", StringComparison.Ordinal))
        {
            said += await CliProcess.ReadLineAsync(serve) + "\n";
        }
        return new Uri(Address().Match(said).Value);
    }

    [GeneratedRegex(@"http://[0-9.]+:[0-9]+/")]
    private static partial Regex Address();
}
