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
