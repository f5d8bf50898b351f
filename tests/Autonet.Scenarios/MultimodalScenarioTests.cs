using Autonet.Devnet.Network;
using Autonet.Models.Jepa;
using Autonet.Tests.Pairs;

namespace Autonet.Scenarios;

/// <summary>A VL-JEPA round on a real anvil: solvers train on their own image-text pairs in node processes; one scoring rule.</summary>
public sealed class MultimodalScenarioTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("autonet-vl-").FullName;

    [Fact]
    public async Task RunAsync_MultimodalOneRoundNodeProcesses_PublishedModelEqualsRecomputation()
    {
        var pairs = Path.Combine(_home, "pairs");
        RenderedPairs.Write(pairs, count: 72, heldOut: 40, size: 32);
        var options = ScenarioRun.Tiny(_home, rounds: 1) with
        {
            Modality = Modality.Multimodal,
            PairsDirectory = pairs,
            Model = new JepaConfig
            {
                Modality = Modality.Multimodal,
                ImageSize = 32,
                PatchSize = 8,
                MaxTokens = 64,
                Width = 16,
                Depth = 1,
                Heads = 2,
                PredictorWidth = 8,
                PredictorDepth = 1,
                PredictorHeads = 2,
                MlpRatio = 2,
                VarianceWeight = 1,
                CovarianceWeight = 0.04f,
                AlignmentWeight = 1,
            },
            Processes = true,
            NodeCommand = ScenarioRun.NodeCommand,
        };

        var (report, folder) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        Assert.Empty(round.Errors);
        Assert.Equal("held-out cosine", report.MetricName);
        Assert.Equal("caught 2/2", round.ForcedError);
        Assert.NotNull(round.Metric);
        var (model, root) = await ScenarioRun.RecomputeAsync(report, round, folder);
        Assert.Equal(round.OnChainModel, model.ToString());
        Assert.Equal(round.OnChainMerkleRoot, root.ToString());
    }

    [Fact]
    public async Task RunAsync_MultimodalWithoutPairs_ThrowsNamingPairs()
    {
        var options = ScenarioRun.Tiny(_home, rounds: 1) with { Modality = Modality.Multimodal, Model = NetworkOptions.DefaultModel(Modality.Multimodal) };
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => ScenarioRun.RunAsync(options));
        Assert.Contains("--modality multimodal needs --pairs", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
