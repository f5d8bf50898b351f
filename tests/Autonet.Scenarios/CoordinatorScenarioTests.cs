using System.Globalization;
using Autonet.Devnet.Faults;
using Autonet.Devnet.Network;

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
        Assert.Contains(new ForcedErrorReport("coordinator-1", false, 10000, "50"), round.ForcedErrors);
        Assert.Contains(new ForcedErrorReport("coordinator-2", true, 0, null), round.ForcedErrors);
        Assert.Equal("caught 1/2", round.ForcedError);
        var planted = round.Solvers["planter-1"];
        Assert.False(round.Consensus.ContainsKey(planted)); // whatever its votes, a revealed forced error weighs nothing
        Assert.False(round.RewardsAtn.ContainsKey("planter-1"));
        Assert.DoesNotContain(round.Aggregation, a => a.Solver == planted); // not accepted, so not aggregated
        Assert.All(round.Verdicts["coordinator-1"], v => Assert.True(v.Lazy, v.ToString()));
        Assert.All(round.Verdicts["coordinator-2"], v => Assert.False(v.Lazy, v.ToString()));
        var (model, _) = await ScenarioRun.RecomputeAsync(report, round, folder);
        Assert.Equal(round.OnChainModel, model.ToString());
    }

    [Fact]
    public async Task RunAsync_ZeroAllGrieferBelowHalfTheStake_MovesNothingGainsLessNoHonestSlashed()
    {
        // Three coordinators of equal stake: the griefer holds a third, below half.
        var options = ScenarioRun.Tiny(_home, rounds: 1) with { Coordinators = 3, CoordinatorFaults = [CoordinatorFault.ZeroAll, null, null] };

        var (report, _) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        Assert.Empty(round.Errors);
        Assert.Equal("caught 3/3", round.ForcedError); // the plant is caught by all: 0 is the griefer's vote anyway
        Assert.All(round.ForcedErrors, f => Assert.Null(f.SlashedAtn)); // nobody slashed for the plant
        Assert.NotEmpty(round.Consensus); // the honest solvers were not zeroed
        Assert.All(round.Consensus.Values, c => Assert.True(c > 0, $"consensus {c}"));
        var griefer = decimal.Parse(round.RewardsAtn.GetValueOrDefault("coordinator-1", "0"), CultureInfo.InvariantCulture);
        var honest = decimal.Parse(round.RewardsAtn["coordinator-2"], CultureInfo.InvariantCulture);
        Assert.True(griefer < honest, $"griefer {griefer} ATN, honest {honest} ATN");
        Assert.Equal("1000", round.StakesAtn["coordinator-2"]); // no honest coordinator slashed (their 1000 ATN stake)
        Assert.Equal("1000", round.StakesAtn["coordinator-3"]);
    }

    [Fact]
    public async Task RunAsync_ZeroOneBelowHalfTheStake_TargetKeepsItsConsensus_AttackerGainsLess()
    {
        var options = ScenarioRun.Tiny(_home, rounds: 1) with { Coordinators = 3, CoordinatorFaults = [CoordinatorFault.ZeroOne, null, null] };

        var (report, _) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        Assert.Empty(round.Errors);
        Assert.NotEmpty(round.Consensus);
        Assert.All(round.Consensus.Values, c => Assert.True(c > 0, $"consensus {c}")); // the targeted solver too
        AssertAttackerGainsLessAndNoHonestSlashed(round);
    }

    [Fact]
    public async Task RunAsync_FlatVoter_MovesNothing_MissesThePlantAndIsSlashed()
    {
        // The CLI's --coordinator-attack flat-vote: the first of three equal coordinators votes 5000 for everything.
        var options = ScenarioRun.Tiny(_home, rounds: 1) with { Coordinators = 3, CoordinatorAttack = CoordinatorFault.FlatVote };

        var (report, _) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        Assert.Empty(round.Errors);
        Assert.Contains(round.ForcedErrors, f => f is { Coordinator: "coordinator-1", Caught: false, BasisPoints: FlatVoteChain.FlatScore, SlashedAtn: not null });
        Assert.Equal("caught 2/3", round.ForcedError);
        Assert.NotEmpty(round.Consensus);
        Assert.All(round.Consensus.Values, c => Assert.True(c != FlatVoteChain.FlatScore, $"consensus {c}: the guess, not the honest score"));
        AssertAttackerGainsLessAndNoHonestSlashed(round);
    }

    private static void AssertAttackerGainsLessAndNoHonestSlashed(RoundReport round)
    {
        var attacker = decimal.Parse(round.RewardsAtn.GetValueOrDefault("coordinator-1", "0"), CultureInfo.InvariantCulture);
        var honest = decimal.Parse(round.RewardsAtn["coordinator-2"], CultureInfo.InvariantCulture);
        Assert.True(attacker < honest, $"attacker {attacker} ATN, honest {honest} ATN");
        Assert.Equal("1000", round.StakesAtn["coordinator-2"]);
        Assert.Equal("1000", round.StakesAtn["coordinator-3"]);
        Assert.DoesNotContain(round.ForcedErrors, f => f.Coordinator != "coordinator-1" && f.SlashedAtn is not null);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
