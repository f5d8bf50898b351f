using Autonet.Devnet.Network;

namespace Autonet.Scenarios;

/// <summary>Whole rounds on a real anvil: the published model is what anyone recomputes from the accepted deltas.</summary>
public sealed class EndToEndScenarioTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("autonet-scenario-").FullName;

    [Fact]
    public async Task RunAsync_OneRoundTinyModel_PublishedModelEqualsRecomputation()
    {
        var (report, folder) = await ScenarioRun.RunAsync(ScenarioRun.Tiny(_home, rounds: 1));

        var round = Assert.Single(report.Rounds);
        Assert.Empty(round.Errors);
        Assert.Equal(4, round.Commits); // 3 solvers and the forced-error planter
        Assert.Equal(4, round.Reveals);
        Assert.Equal(8, round.Votes);
        Assert.Equal("caught 2/2", round.ForcedError);
        Assert.False(round.Consensus.ContainsKey(round.Solvers["planter-1"]));
        Assert.NotNull(round.Model);
        Assert.Equal(round.Model, round.OnChainModel);
        var (model, root) = await ScenarioRun.RecomputeAsync(report, round, folder);
        Assert.Equal(round.OnChainModel, model.ToString());
        Assert.Equal(round.OnChainMerkleRoot, root.ToString());
        Assert.All(round.Solvers.Keys.Where(s => s != "planter-1"), s => Assert.True(round.RewardsAtn.ContainsKey(s), $"{s} was not paid"));
        Assert.False(round.RewardsAtn.ContainsKey("planter-1"));
        Assert.True(File.Exists(Path.Combine(folder, "report.json")));
        Assert.True(File.Exists(Path.Combine(folder, "report.md")));
    }

    [Fact]
    public async Task RunAsync_DefaultThreeRounds_AccuracyRisesAndEveryModelEqualsRecomputation()
    {
        // The main job's settings (3 solvers x 300 local steps, width-32 I-JEPA), on less data: about 20 s here.
        var (report, folder) = await ScenarioRun.RunAsync(new NetworkOptions { Home = _home, TrainImages = 3000, ProbeTrain = 1000, ProbeTest = 500 });

        Assert.Equal(3, report.Rounds.Count);
        var previous = report.GenesisModel;
        foreach (var round in report.Rounds)
        {
            Assert.Empty(round.Errors);
            Assert.Equal(previous, round.BaseModel); // every round starts from the last global model
            Assert.Equal("caught 2/2", round.ForcedError);
            var (model, root) = await ScenarioRun.RecomputeAsync(report, round, folder);
            Assert.Equal(round.OnChainModel, model.ToString());
            Assert.Equal(round.OnChainMerkleRoot, root.ToString());
            previous = round.Model!;
        }
        // What the network pays for: every honest solver's delta measurably improved its round's base on a hidden
        // validation set. (Probe accuracy, reported beside it, need not follow the JEPA objective at width 32: issue 17.)
        foreach (var round in report.Rounds)
        {
            foreach (var solver in new[] { "solver-1", "solver-2", "solver-3" })
            {
                Assert.True(round.Consensus.GetValueOrDefault(round.Solvers[solver]) > 0, $"round {round.Round}: {solver} was not measured as improving the model");
            }
        }
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
