using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Autonet.Tests.Pairs;

namespace Autonet.Cli.Tests;

/// <summary>`autonet serve --checkpoint` of a VL-JEPA trained by `autonet train --modality multimodal`, asked over HTTP as a client asks.</summary>
public sealed partial class ServeMultimodalTests : IDisposable
{
    private readonly string _home = CliProcess.NewHome();

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_TrainedVlJepa_EmbedsTextsAndImagesInOneSpaceAndKVectorsWithAnImage()
    {
        var pairs = Path.Combine(_home, "pairs");
        var texts = RenderedPairs.Write(pairs, count: 12, heldOut: 4, size: 32);
        var run = Path.Combine(_home, "run");
        var train = await CliProcess.RunAsync("train", "--modality", "multimodal", "--pairs", pairs, "--out", run, "--image-size", "32", "--patch-size", "8",
            "--max-tokens", "64", "--steps", "2", "--batch-size", "4", "--width", "16", "--depth", "1", "--heads", "2", "--predictor-width", "16", "--predictor-depth", "1", "--threads", "1");
        Assert.True(train.Code == 0, train.ToString());

        using var serve = CliProcess.Start("--home", _home, "serve", "--checkpoint", Path.Combine(run, "model.safetensors"), "--name", "vl", "--port", "0");
        try
        {
            var said = "";
            while (!said.Contains("serving at", StringComparison.Ordinal))
            {
                said += await CliProcess.ReadLineAsync(serve) + "\n";
            }
            Assert.Contains("model vl: Multimodal, width 16", said, StringComparison.Ordinal);
            using var http = new HttpClient { BaseAddress = new Uri(Address().Match(said).Value) };
            var image = "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(Path.Combine(pairs, "images", "000000.png")));
            var caption = texts[0][..Math.Min(texts[0].Length, 40)];

            using var embeddings = await http.PostAsJsonAsync("v1/embeddings", new { model = "vl", input = new[] { caption, image }, encoding_format = "float" });
            var body = JsonDocument.Parse(await embeddings.Content.ReadAsStringAsync()).RootElement;
            Assert.True(embeddings.IsSuccessStatusCode, body.ToString());
            Assert.All(body.GetProperty("data").EnumerateArray(), d => Assert.Equal(16, d.GetProperty("embedding").GetArrayLength()));

            using var kvectors = await http.PostAsJsonAsync("v1/kvectors", new { model = "vl", messages = new[] { new { role = "user", content = caption } }, image, encoding_format = "float" });
            var plan = JsonDocument.Parse(await kvectors.Content.ReadAsStringAsync()).RootElement;
            Assert.True(kvectors.IsSuccessStatusCode, plan.ToString());
            Assert.Equal(plan.GetProperty("k").GetInt32() * 16, plan.GetProperty("data").GetArrayLength());
        }
        finally
        {
            await CliProcess.InterruptAsync(serve);
        }
    }

    [GeneratedRegex(@"http://[0-9.]+:[0-9]+/")]
    private static partial Regex Address();
}
