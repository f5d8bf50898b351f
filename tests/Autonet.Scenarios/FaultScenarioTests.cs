using Autonet.Devnet.Faults;

namespace Autonet.Scenarios;

/// <summary>Bad solvers on a real anvil: each is refused with a clear reason, earns nothing, and the round goes on.</summary>
public sealed class FaultScenarioTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("autonet-faults-").FullName;

    [Fact]
    public async Task RunAsync_NanShapeMismatchedAndCopiedReveal_RejectedWithReasonsRoundGoesOn()
    {
        var options = ScenarioRun.Tiny(_home, rounds: 1) with { Solvers = 5, SolverFaults = [null, SolverAttack.Nan, SolverAttack.WrongShape, SolverFault.RevealMismatch, SolverFault.Copy] };

        var (report, folder) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        var (honest, nan, shape, cheat, copier) = (round.Solvers["solver-1"], round.Solvers["solver-2"], round.Solvers["solver-3"], round.Solvers["solver-4"], round.Solvers["solver-5"]);
        Assert.Equal(6, round.Commits); // 5 solvers and the forced-error planter
        Assert.Equal(4, round.Reveals); // the mismatched and the copied reveal were refused by the contract
        Assert.Contains(round.Errors, e => e.StartsWith("solver-4", StringComparison.Ordinal) && e.Contains("RevealMismatch", StringComparison.Ordinal));
        // The copier committed in time, then revealed solver-1's delta: the commitment binds its own address and CID.
        Assert.Contains(round.Errors, e => e.StartsWith("solver-5", StringComparison.Ordinal) && e.Contains("RevealMismatch", StringComparison.Ordinal));
        foreach (var verdicts in round.Verdicts.Values)
        {
            Assert.Contains(verdicts, v => v.Solver == nan && v.BasisPoints == 0 && v.Reason.Contains("is NaN; deltas must be finite", StringComparison.Ordinal));
            Assert.Contains(verdicts, v => v.Solver == shape && v.BasisPoints == 0 && v.Reason.Contains("has shape", StringComparison.Ordinal));
        }
        Assert.False(round.Consensus.ContainsKey(nan));
        Assert.False(round.Consensus.ContainsKey(shape));
        Assert.True(round.Consensus[honest] > 0);
        Assert.True(round.RewardsAtn.ContainsKey("solver-1"));
        foreach (var unpaid in new[] { "solver-2", "solver-3", "solver-4", "solver-5" })
        {
            Assert.False(round.RewardsAtn.ContainsKey(unpaid), $"{unpaid} was paid");
        }
        var (model, _) = await ScenarioRun.RecomputeAsync(report, round, folder);
        Assert.Equal(round.OnChainModel, model.ToString());
        Assert.DoesNotContain(cheat, round.Deltas.Keys);
        Assert.DoesNotContain(copier, round.Deltas.Keys);
    }

    [Fact]
    public async Task RunAsync_CorruptedBlobAndUnreachableGateway_RejectedWithReasonsRoundGoesOn()
    {
        var options = ScenarioRun.Tiny(_home, rounds: 1) with
        {
            SolverFaults = [null, SolverFault.CorruptBlob, null],
            Coordinators = 3,
            CoordinatorFaults = [null, CoordinatorFault.UnreachableGateway, null],
        };

        var (report, folder) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        var corrupted = round.Solvers["solver-2"];
        var error = Assert.Single(round.Errors);
        Assert.StartsWith("coordinator-2 ", error, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1", error, StringComparison.Ordinal); // names the gateway it could not reach
        Assert.Empty(round.Verdicts["coordinator-2"]); // no basis for a vote, so no vote
        Assert.Equal(8, round.Votes); // 2 coordinators x 4 revealed solutions
        foreach (var coordinator in new[] { "coordinator-1", "coordinator-3" })
        {
            // The gateway breaks off a blob whose copy fails verification; the base model came through, so it is the delta's fault.
            Assert.Contains(round.Verdicts[coordinator], v => v.Solver == corrupted && v.Reason.Contains("could not be fetched", StringComparison.Ordinal));
        }
        Assert.False(round.Consensus.ContainsKey(corrupted));
        Assert.False(round.RewardsAtn.ContainsKey("solver-2"));
        Assert.True(round.RewardsAtn.ContainsKey("solver-1"));
        Assert.False(round.RewardsAtn.ContainsKey("coordinator-2"));
        Assert.NotNull(round.Model);
        var (model, _) = await ScenarioRun.RecomputeAsync(report, round, folder, skip: corrupted);
        Assert.Equal(round.OnChainModel, model.ToString());
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
