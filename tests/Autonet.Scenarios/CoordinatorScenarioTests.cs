using System.Globalization;
using Autonet.Devnet.Faults;
using Autonet.Devnet.Network;

namespace Autonet.Scenarios;

/// <summary>
/// Coordinators on a real anvil with the real contracts (issue 13): a forced error planted through ForcedErrorRegistry
/// catches a lazy or norm-only one; griefers, Sybils and a vote copier below half the stake move no consensus and gain
/// nothing; a stake cannot leave before its task settles.
/// </summary>
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

    [Fact]
    public async Task RunAsync_SixteenSybilsBelowHalfTheStake_HonestCoordinatorSitsAndSetsTheConsensus()
    {
        // The devnet's 16 coordinators: 15 minimum-stake Sybils (7500 ATN) route the pool to the first revealed
        // solution; the honest one stakes 8000 ATN, over half, and so over 1/16 of the committed stake: it always sits.
        var options = ScenarioRun.Tiny(_home, rounds: 1) with { Coordinators = 16, CoordinatorAttack = CoordinatorFault.SybilFill, CoordinatorStakeAtn = 8000 };

        var (report, _) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        Assert.Empty(round.Errors);
        const string honest = "coordinator-16";
        var honestPay = decimal.Parse(round.RewardsAtn[honest], CultureInfo.InvariantCulture); // only a counted vote is paid
        Assert.True(honestPay > 0, $"the honest coordinator earned {honestPay} ATN: locked out");
        // The consensus is the honest coordinator's scores, the routed-to solution's too (not the Sybils' 10000).
        var scored = round.Verdicts[honest].Where(v => v.SolverName != "planter-1").ToList();
        Assert.Contains(scored, v => v.BasisPoints > 0);
        Assert.All(scored, v => Assert.Equal((v.BasisPoints ?? 0) / 10_000.0, round.Consensus.GetValueOrDefault(v.Solver)));
        Assert.NotEqual(SybilFillChain.RoutedScore / 10_000.0, round.Consensus[round.Solvers["solver-1"]]);
        Assert.All(scored.Where(v => v.BasisPoints > 0), v => Assert.True(round.RewardsAtn.ContainsKey(v.SolverName), $"{v.SolverName} was not paid: the pool was routed"));
        var sybils = Enumerable.Range(1, 15).Sum(i => decimal.Parse(round.RewardsAtn.GetValueOrDefault($"coordinator-{i}", "0"), CultureInfo.InvariantCulture));
        Assert.True(sybils < honestPay, $"15 Sybils earned {sybils} ATN together, the honest coordinator {honestPay} ATN");
        Assert.Equal("8000", round.StakesAtn[honest]);
        Assert.DoesNotContain(round.ForcedErrors, f => f.Coordinator == honest && f.SlashedAtn is not null);
    }

    [Fact]
    public async Task RunAsync_VoteCopier_RevealRefused_EarnsNothingAndIsSlashedForNotRevealing()
    {
        // --coordinator-attack copy-votes: the last of three coordinators commits a guess, then reveals the first one's vote.
        var options = ScenarioRun.Tiny(_home, rounds: 1) with { Coordinators = 3, CoordinatorAttack = CoordinatorFault.CopyVotes };

        var (report, _) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        Assert.NotEmpty(round.Errors);
        Assert.All(round.Errors, e => Assert.True(e.StartsWith("coordinator-3", StringComparison.Ordinal) && e.Contains("VoteMismatch", StringComparison.Ordinal), e));
        Assert.False(round.RewardsAtn.ContainsKey("coordinator-3")); // its vote was never counted
        Assert.Equal("100", round.UnrevealedVotes["coordinator-3"]); // drawn and never revealed: 10 % of its 1000 ATN (NON_REVEAL_PENALTY_SHARE)
        Assert.Equal("900", round.StakesAtn["coordinator-3"]);
        Assert.Equal("caught 2/2", round.ForcedError); // only counted votes are judged
        Assert.Single(round.UnrevealedVotes);
        Assert.Equal("1000", round.StakesAtn["coordinator-1"]);
        Assert.Equal("1000", round.StakesAtn["coordinator-2"]);
        Assert.NotEmpty(round.Consensus);
    }

    [Fact]
    public async Task RunAsync_NormFilter_PassesThePlausiblePlantAndIsSlashed_HonestCatchIt()
    {
        var options = ScenarioRun.Tiny(_home, rounds: 1) with { Coordinators = 3, CoordinatorAttack = CoordinatorFault.NormFilter };

        var (report, _) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        Assert.Empty(round.Errors);
        Assert.Contains(new ForcedErrorReport("coordinator-1", false, (uint)(NormOnlyScorer.PassScore * 10_000), "50"), round.ForcedErrors);
        Assert.Contains(new ForcedErrorReport("coordinator-2", true, 0, null), round.ForcedErrors);
        Assert.Contains(new ForcedErrorReport("coordinator-3", true, 0, null), round.ForcedErrors);
        // The plant is plausible by size: its norm lies among the honest deltas' norms (the old plant, -base, was ~10x them).
        var norms = round.Verdicts["coordinator-2"].ToDictionary(v => v.SolverName, v => NormOf(v.Reason));
        var honest = norms.Where(n => n.Key != "planter-1").Select(n => n.Value).ToList();
        Assert.InRange(norms["planter-1"], honest.Min() / 2, honest.Max() * 2);
        Assert.Equal("1000", round.StakesAtn["coordinator-2"]);
        Assert.Equal("1000", round.StakesAtn["coordinator-3"]);
        Assert.Equal("950", round.StakesAtn["coordinator-1"]);
    }

    [Fact]
    public async Task RunAsync_LazyCoordinatorUnstakesBeforeSettlement_RefusedAndTheSlashLands()
    {
        var options = ScenarioRun.Tiny(_home, rounds: 1) with { LazyCoordinators = 1, UnstakeBeforeSettle = true };

        var (report, _) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        Assert.Empty(round.Errors);
        Assert.Equal(2, round.Unstakes.Count);
        Assert.StartsWith("before settlement: refused", round.Unstakes[0], StringComparison.Ordinal);
        Assert.Contains("StakeHeld", round.Unstakes[0], StringComparison.Ordinal); // its own 14-day lock had run out
        Assert.Contains(new ForcedErrorReport("coordinator-1", false, 10000, "50"), round.ForcedErrors);
        Assert.Equal("950", round.StakesAtn["coordinator-1"]);
        Assert.Equal("after settlement: withdrew 950 ATN", round.Unstakes[1]);
        Assert.Equal("1000", round.StakesAtn["coordinator-2"]);
    }

    // "improvement 0.0123 (123 bp), norm 0.456": the norm a coordinator measured (CoordinatorRole's verdict reason).
    private static double NormOf(string reason) =>
        double.Parse(reason[(reason.LastIndexOf("norm ", StringComparison.Ordinal) + 5)..], CultureInfo.InvariantCulture);

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
