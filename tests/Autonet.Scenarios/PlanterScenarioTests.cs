using Autonet.Devnet.Faults;

namespace Autonet.Scenarios;

/// <summary>
/// The forced-error planter on a real anvil with the real contracts (issue 13): its plants come from a fresh account
/// every round, registered in advance, and it cannot frame an honest solver: ForcedErrorRegistry flags only the planter's
/// registered plant accounts, and checks a flag against the digest the planter committed to before commits opened.
/// </summary>
public sealed class PlanterScenarioTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("autonet-planter-").FullName;

    [Fact]
    public async Task RunAsync_PlanterFramesAnHonestSolver_RefusedSolverPaidNoCoordinatorSlashed()
    {
        var options = ScenarioRun.Tiny(_home, rounds: 1) with { PlanterAttack = PlanterAttack.Frame };

        var (report, _) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        Assert.Empty(round.Errors);
        Assert.StartsWith("refused: flagging solver-1", round.PlanterFrame, StringComparison.Ordinal);
        Assert.Contains("as the plant account: ", round.PlanterFrame, StringComparison.Ordinal);
        Assert.Contains("PlantAccountNotRegistered", round.PlanterFrame, StringComparison.Ordinal); // never registered as a plant account
        Assert.Contains("RevealMismatch", round.PlanterFrame, StringComparison.Ordinal); // registered too, its digest is not the plant's
        Assert.True(round.RewardsAtn.ContainsKey("solver-1"), "the framed solver was not paid");
        Assert.Equal("1", round.BondsAtn["solver-1"]);
        Assert.Equal("caught 2/2", round.ForcedError); // the real plant, revealed after the refusal
        Assert.All(round.ForcedErrors, f => Assert.Null(f.SlashedAtn));
        Assert.Equal("1000", round.StakesAtn["coordinator-1"]);
        Assert.Equal("1000", round.StakesAtn["coordinator-2"]);
    }

    [Fact]
    public async Task RunAsync_TwoRounds_EachPlantFromAFreshAccount()
    {
        var options = ScenarioRun.Tiny(_home, rounds: 2);

        var (report, _) = await ScenarioRun.RunAsync(options);

        Assert.Equal(2, report.Rounds.Count);
        for (var r = 0; r < 2; r++)
        {
            var round = report.Rounds[r];
            Assert.Empty(round.Errors);
            Assert.Equal("caught 2/2", round.ForcedError);
            var planter = $"planter-{r + 1}";
            Assert.True(round.Solvers.ContainsKey(planter), $"round {round.Round}: {planter} did not plant");
            Assert.Single(round.Solvers.Keys, k => k.StartsWith("planter-", StringComparison.Ordinal)); // the other account stayed out
        }
        Assert.NotEqual(report.Rounds[0].Solvers["planter-1"], report.Rounds[1].Solvers["planter-2"]);
    }

    // Without ForcedErrorRegistry.abandon the plant stayed pending and finalize waited FORCED_REVEAL_GRACE (a day; the
    // lockstep run moved chain time by it and reported "not revealed"; a daemon run on real block time stalled).
    [Fact]
    public async Task RunAsync_PlantMissesItsCommit_AbandonedNobodyJudgedSettledWithoutTheGrace()
    {
        var options = ScenarioRun.Tiny(_home, rounds: 2) with { PlanterAttack = PlanterAttack.Withhold };

        var (report, _) = await ScenarioRun.RunAsync(options);

        Assert.Equal(2, report.Rounds.Count);
        foreach (var round in report.Rounds)
        {
            Assert.True(round.Errors.Count == 0, $"round {round.Round}: {string.Join("\n", round.Errors)}"); // no refused reveal, no grace waited
            Assert.DoesNotContain(round.Solvers.Keys, k => k.StartsWith("planter-", StringComparison.Ordinal)); // the plant missed its commit
            Assert.Equal($"planter-{round.Round}", round.PlantAbandoned);
            Assert.Equal("abandoned", round.ForcedError);
            Assert.Empty(round.ForcedErrors); // nobody judged
            Assert.Contains("finalize", round.Keeper);
            Assert.Contains(report.Transactions, t => t.TaskId == round.TaskId && t.Action == "abandonForcedError");
            Assert.NotNull(round.Model);
            Assert.Equal("1000", round.StakesAtn["coordinator-1"]);
            Assert.Equal("1000", round.StakesAtn["coordinator-2"]);
        }
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
