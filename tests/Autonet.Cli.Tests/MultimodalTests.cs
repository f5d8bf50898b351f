using System.Text.Json;
using Autonet.Tests.Pairs;

namespace Autonet.Cli.Tests;

/// <summary>`train --modality multimodal --pairs` and `eval retrieval` run as a user runs them, on rendered pairs.</summary>
public sealed class MultimodalTests : IDisposable
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
    public async Task Train_Multimodal_ThenEvalRetrievalReportsBothWays()
    {
        var pairs = Path.Combine(_home, "pairs");
        RenderedPairs.Write(pairs, count: 24, heldOut: 8, size: 32);
        var run = Path.Combine(_home, "run");
        var train = await CliProcess.RunAsync("train", "--modality", "multimodal", "--pairs", pairs, "--out", run, "--image-size", "32", "--patch-size", "8",
            "--max-tokens", "64", "--steps", "3", "--batch-size", "8", "--width", "16", "--depth", "1", "--heads", "2", "--predictor-width", "16", "--predictor-depth", "1", "--threads", "1");
        Assert.True(train.Code == 0, train.ToString());
        Assert.Contains("pairs: 16 train / 8 held-out", train.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"architecture\":\"vl-jepa\"", train.Stdout, StringComparison.Ordinal);
        using (var last = JsonDocument.Parse(File.ReadLines(Path.Combine(run, "log.jsonl")).Last()))
        {
            Assert.True(last.RootElement.TryGetProperty("text_loss", out _), "a multimodal log line carries the loss by modality");
        }

        var eval = await CliProcess.RunAsync("eval", "retrieval", "--checkpoint", Path.Combine(run, "model.safetensors"), "--pairs", pairs, "--json");
        Assert.True(eval.Code == 0, eval.ToString());
        using var json = JsonDocument.Parse(eval.Stdout);
        Assert.Equal(8, json.RootElement.GetProperty("pairs").GetInt32());
        foreach (var direction in new[] { "imageToText", "textToImage", "textToImageInTextSpace", "imageToTextInImageSpace" })
        {
            var d = json.RootElement.GetProperty("trained").GetProperty(direction);
            Assert.InRange(d.GetProperty("recallAt5").GetDouble(), 0, 1);
            Assert.InRange(d.GetProperty("distinctNeighbours").GetInt32(), 1, 8);
        }
        Assert.True(json.RootElement.GetProperty("randomInit").GetProperty("textKeys").GetProperty("effectiveRank").GetDouble() > 0);
        Assert.Equal(16, json.RootElement.GetProperty("referencePairs").GetInt32()); // the means come from the 16 train pairs
        var csls = json.RootElement.GetProperty("trained").GetProperty("csls").GetProperty("imageToText");
        Assert.InRange(csls.GetProperty("topHubShare").GetDouble(), 0, 1);

        var quick = await CliProcess.RunAsync("eval", "retrieval", "--checkpoint", Path.Combine(run, "model.safetensors"), "--pairs", pairs, "--no-random-init", "--json");
        Assert.True(quick.Code == 0, quick.ToString());
        using var quickJson = JsonDocument.Parse(quick.Stdout);
        Assert.False(quickJson.RootElement.TryGetProperty("randomInit", out var baseline) && baseline.ValueKind != JsonValueKind.Null, "--no-random-init leaves the baseline out");
        Assert.True(quickJson.RootElement.GetProperty("trained").GetProperty("imageToText").GetProperty("queries").GetInt32() == 8);

        var few = Path.Combine(_home, "few");
        RenderedPairs.Write(few, count: 12, heldOut: 4, size: 32);
        var tooFew = await CliProcess.RunAsync("eval", "retrieval", "--checkpoint", Path.Combine(run, "model.safetensors"), "--pairs", few);
        Assert.True(tooFew.Code == 2, tooFew.ToString());
        Assert.Contains($"--pairs '{few}': 8 train pairs", tooFew.Stderr, StringComparison.Ordinal);
        Assert.Contains("needs at least 10", tooFew.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_MultimodalWithoutPairs_IsAUsageErrorNamingPairs()
    {
        var result = await CliProcess.RunAsync("train", "--modality", "multimodal", "--out", Path.Combine(_home, "run"), "--steps", "1");
        Assert.True(result.Code == 2, result.ToString());
        Assert.Contains("--modality multimodal needs --pairs DIR", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_ZeroAlignmentTemperature_IsAUsageError()
    {
        var result = await CliProcess.RunAsync("train", "--modality", "multimodal", "--alignment-temperature", "0", "--out", Path.Combine(_home, "run"), "--steps", "1");
        Assert.True(result.Code == 2, result.ToString());
        Assert.Contains("--alignment-temperature 0: must be a finite number > 0", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_AlignmentQueueForImages_IsAUsageError()
    {
        var result = await CliProcess.RunAsync("train", "--alignment-queue", "64", "--out", Path.Combine(_home, "run"), "--steps", "1");
        Assert.True(result.Code == 2, result.ToString());
        Assert.Contains("the --alignment-* options are for --modality multimodal", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_UniformityWeightForImages_IsAUsageError()
    {
        var result = await CliProcess.RunAsync("train", "--uniformity-weight", "0.5", "--out", Path.Combine(_home, "run"), "--steps", "1");
        Assert.True(result.Code == 2, result.ToString());
        Assert.Contains("--uniformity-weight, --learned-temperature and the --alignment-* options are for --modality multimodal", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_LearnedTemperatureForImages_IsAUsageError()
    {
        var result = await CliProcess.RunAsync("train", "--learned-temperature", "--out", Path.Combine(_home, "run"), "--steps", "1");
        Assert.True(result.Code == 2, result.ToString());
        Assert.Contains("--learned-temperature and the --alignment-* options are for --modality multimodal", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--modality is image", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_NegativeUniformityWeight_IsAUsageError()
    {
        var result = await CliProcess.RunAsync("train", "--modality", "multimodal", "--uniformity-weight", "-1", "--out", Path.Combine(_home, "run"), "--steps", "1");
        Assert.True(result.Code == 2, result.ToString());
        Assert.Contains("--uniformity-weight -1", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_ImageSizeForFashionMnist_IsAUsageError()
    {
        var result = await CliProcess.RunAsync("train", "--image-size", "64", "--out", Path.Combine(_home, "run"), "--steps", "1");
        Assert.True(result.Code == 2, result.ToString());
        Assert.Contains("are for --modality multimodal", result.Stderr, StringComparison.Ordinal);
    }
}
