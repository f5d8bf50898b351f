using Autonet.Devnet.Faults;

namespace Autonet.Scenarios;

/// <summary>
/// Issue 13's aggregator attacks on a real anvil with the real contracts: a wrong published model is rebuilt by the
/// coordinators, challenged, replaced by the model everyone recomputes and its aggregator slashed within the window; a
/// second publish for the same task is refused; an honest aggregator is never challenged or slashed. "Recomputed" is
/// the scenarios' own outsider recomputation (reference kernels), independent of the nodes' code.
/// </summary>
public sealed class AggregatorScenarioTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("autonet-aggregator-").FullName;

    [Fact]
    public async Task RunAsync_PublishWrong_ChallengedReplacedAndAggregatorSlashed()
    {
        var options = ScenarioRun.Tiny(_home, rounds: 1) with { AggregatorFault = AggregatorFault.PublishWrong };

        var (report, folder) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        Assert.Empty(round.Errors);
        var (honest, root) = await ScenarioRun.RecomputeAsync(report, round, folder);
        Assert.NotEqual(honest.ToString(), round.PublishedModel); // the attack: base - aggregate went on chain
        // Both coordinators rebuilt the honest model and challenged with it; each upheld the other's challenge.
        Assert.Equal(2, round.Challenges.Count);
        Assert.All(round.Challenges, c => Assert.Equal((honest.ToString(), "upheld"), (c.Model, c.Outcome)));
        Assert.True(round.ModelReplaced);
        Assert.Equal(honest.ToString(), round.Model);
        Assert.Equal(honest.ToString(), round.OnChainModel); // latestModel points at the corrected model
        Assert.Equal(root.ToString(), round.OnChainMerkleRoot);
        Assert.Equal("900", round.StakesAtn["aggregator-1"]); // 10 % of 1000 slashed, and its 100 ATN bond went to the first challenger
    }

    [Fact]
    public async Task RunAsync_PublishTwice_SecondRefusedFirstStands()
    {
        var options = ScenarioRun.Tiny(_home, rounds: 1) with { AggregatorFault = AggregatorFault.PublishTwice };

        var (report, folder) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        Assert.Contains(round.Errors, e => e.StartsWith("aggregator-1", StringComparison.Ordinal) && e.Contains("ModelAlreadyPublished", StringComparison.Ordinal));
        var (honest, _) = await ScenarioRun.RecomputeAsync(report, round, folder);
        Assert.Equal(honest.ToString(), round.PublishedModel);
        Assert.Equal(honest.ToString(), round.OnChainModel);
        Assert.Empty(round.Challenges);
        Assert.Equal("1000", round.StakesAtn["aggregator-1"]);
    }

    [Fact]
    public async Task RunAsync_HonestAggregator_NeverChallengedNorSlashed()
    {
        var options = ScenarioRun.Tiny(_home, rounds: 2);

        var (report, folder) = await ScenarioRun.RunAsync(options);

        foreach (var round in report.Rounds)
        {
            Assert.Empty(round.Errors);
            var (honest, _) = await ScenarioRun.RecomputeAsync(report, round, folder);
            Assert.Equal(honest.ToString(), round.PublishedModel);
            Assert.Equal(round.PublishedModel, round.OnChainModel);
            Assert.Empty(round.Challenges);
            Assert.False(round.ModelReplaced);
            Assert.Equal("1000", round.StakesAtn["aggregator-1"]);
        }
        Assert.Equal(report.Rounds[0].Model, report.Rounds[1].BaseModel); // the next round builds on the settled model
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
