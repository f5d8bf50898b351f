namespace Autonet.Scenarios;

/// <summary>Coordinators on a real anvil: a forced error planted through ForcedErrorRegistry catches a lazy one.</summary>
public sealed class CoordinatorScenarioTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("autonet-coordinators-").FullName;

    [Fact]
    public async Task RunAsync_LazyCoordinator_MissesForcedErrorAndIsSlashed()
    {
        var options = ScenarioRun.Tiny(_home, rounds: 1) with { LazyCoordinators = 1 };

        var (report, folder) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        Assert.Empty(round.Errors);
        // 5% of the lazy coordinator's 1000 ATN stake (ForcedErrorRegistry.MISS_PENALTY_SHARE); the honest one scored it 0.
        Assert.Contains("coordinator-1 missed it (10000 bp), slashed 50 ATN", round.ForcedErrors);
        Assert.Contains("coordinator-2 caught it (0 bp)", round.ForcedErrors);
        Assert.Equal("caught 1/2", round.ForcedError);
        var planted = round.Solvers["planter-1"];
        Assert.False(round.Consensus.ContainsKey(planted)); // whatever its votes, a revealed forced error weighs nothing
        Assert.False(round.RewardsAtn.ContainsKey("planter-1"));
        Assert.DoesNotContain(round.Aggregation, a => a.StartsWith(planted, StringComparison.Ordinal)); // not accepted, so not aggregated
        var (model, _) = await ScenarioRun.RecomputeAsync(report, round, folder);
        Assert.Equal(round.OnChainModel, model.ToString());
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
