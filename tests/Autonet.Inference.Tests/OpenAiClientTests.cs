using System.Diagnostics;
using System.Text.Json;
using Autonet.Inference.Chat;
using SkiaSharp;

namespace Autonet.Inference.Tests;

/// <summary>The official openai npm package (7.x, installed by scripts/setup.sh) against a running server.</summary>
public class OpenAiClientTests
{
    [Fact]
    public async Task OpenAiNpmClient_ModelsEmbeddingsAndStreamedChat_Work()
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "Autonet.Inference.Tests", "openai-client");
        Assert.True(File.Exists(Path.Combine(folder, "node_modules", "openai", "package.json")),
            $"the openai npm client is not installed under {folder}: run scripts/setup.sh (it runs npm install in tests/Autonet.Inference.Tests/openai-client)");
        var local = TestModels.Text("text");
        await using var node = await ServerFixture.StartAsync([local, TestModels.Image()],
            c => new ChatService(TestModels.Decoder(local), local.Cid!.Value.ToString(), null, c.Find("text"), new ChatOptions()));
        var png = Convert.ToBase64String(InferenceServerTests.Picture(SKEncodedImageFormat.Png));
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "client.mjs", node.Server.Address.ToString(), png })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!; // Start returns null only for shell-executed documents
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"node client.mjs exited {process.ExitCode}: {await stderr}");
        var seen = JsonDocument.Parse(await stdout).RootElement;
        Assert.Equal(32, seen.GetProperty("width").GetInt32());
        Assert.Equal("local_encoder", seen.GetProperty("path").GetString());
        Assert.True(seen.GetProperty("usage").GetProperty("completion_tokens").GetInt32() >= 1);
    }

    [Fact]
    public async Task OpenAiNpmClient_MultimodalEmbeddingsAndKVectors_MatchTheModel()
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "Autonet.Inference.Tests", "openai-client");
        Assert.True(File.Exists(Path.Combine(folder, "node_modules", "openai", "package.json")),
            $"the openai npm client is not installed under {folder}: run scripts/setup.sh (it runs npm install in tests/Autonet.Inference.Tests/openai-client)");
        var served = TestModels.Multimodal();
        await using var node = await ServerFixture.StartAsync([served]);
        var picture = InferenceServerTests.Picture(SKEncodedImageFormat.Png);
        const string text = "apt: commandline package manager"; // 32 bytes, the tiny model's window
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "multimodal.mjs", node.Server.Address.ToString(), Convert.ToBase64String(picture), text })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!; // Start returns null only for shell-executed documents
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"node multimodal.mjs exited {process.ExitCode}: {await stderr}");
        var seen = JsonDocument.Parse(await stdout).RootElement;

        // What the client got is what the model computes in-process: the retrieval embeddings of the pair, the K-vectors.
        // Exactly: .NET writes a float32's shortest round-trip text and JavaScript reads and rewrites the same digits.
        var config = served.Model.Config;
        Assert.True(Encoders.ImageReader.TryRead(picture, config, out var pixels, out _));
        var window = Training.Jepa.PairBatchSource.Windows([text], config)[0];
        var pair = Models.Jepa.JepaInput.FromPairs(new Tensors.Tensor(pixels, 0, 1, 1, config.ImageSize, config.ImageSize), window.Ids, [true], [true], [window.Length]);
        var (imageQuery, textKey, _, _) = served.Model.CrossModalEmbeddings(pair, new Tensors.Memory.ActivationArena());
        Assert.Equal((textKey.ToArray()), (Floats(seen, "text")));
        Assert.Equal((imageQuery.ToArray()), (Floats(seen, "image")));
        var ids = Encoders.ConversationText.ContextIds([new Encoders.ChatMessage("user", text)]);
        var encoder = new Encoders.KVectorEncoder(served.Model);
        Assert.Equal((encoder.Encode(ids, new Tensors.Memory.ActivationArena())), (Floats(seen, "plain")));
        Assert.Equal((encoder.Encode(ids, pixels, new Tensors.Memory.ActivationArena())), (Floats(seen, "withImage")));
        Assert.Equal(served.KVectors.K, seen.GetProperty("k").GetInt32());
    }

    private static float[] Floats(JsonElement seen, string name) => [.. seen.GetProperty(name).EnumerateArray().Select(x => x.GetSingle())];

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Autonet.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new DirectoryNotFoundException($"no Autonet.slnx above {AppContext.BaseDirectory}");
    }
}
