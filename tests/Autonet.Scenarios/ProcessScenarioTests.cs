using Autonet.Devnet.Faults;

namespace Autonet.Scenarios;

/// <summary>Nodes as separate OS processes (`autonet node step`) on a real anvil, one of them killed mid-round.</summary>
public sealed class ProcessScenarioTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("autonet-processes-").FullName;

    // Trimmed mean, stated on chain when the run created the project: the aggregator's node process has no rule in its
    // config.yaml and reads the project's (Project.aggregationOf); the recomputation below uses the run's options, so a
    // process that fell back to FedAvg would publish other bytes, which the coordinators would challenge and replace.
    [Fact]
    public async Task RunAsync_SolverKilledRightAfterCommit_RestartsAndRevealsNothingLost()
    {
        var options = ScenarioRun.Tiny(_home, rounds: 1) with
        {
            Processes = true,
            Aggregation = "trimmed-mean",
            NodeCommand = ScenarioRun.NodeCommand,
            SolverFaults = [null, SolverFault.CrashAfterCommit, null],
        };

        var (report, folder) = await ScenarioRun.RunAsync(options);

        var round = Assert.Single(report.Rounds);
        Assert.True(round.Solvers.ContainsKey("solver-2"), string.Join("\n", round.Errors));
        var killed = round.Solvers["solver-2"];
        // SIGKILL right after its commit was mined, before it saved that it committed: exit code 128 + 9.
        Assert.True(round.Errors.Count == 1, string.Join("\n", round.Errors));
        var death = round.Errors[0];
        Assert.StartsWith("solver-2 ", death, StringComparison.Ordinal);
        Assert.Contains("exited with code 137", death, StringComparison.Ordinal);
        Assert.Contains(report.Transactions, t => t.From.ToString() == killed && t.Action == "commitSolution");
        // Started again at the reveal phase, it found its salt in node.db and its commitment on chain, and revealed.
        Assert.Contains(report.Transactions, t => t.From.ToString() == killed && t.Action == "revealSolution");
        Assert.Equal(4, round.Commits);
        Assert.Equal(4, round.Reveals);
        Assert.Contains(killed, round.Deltas.Keys);
        Assert.True(round.RewardsAtn.ContainsKey("solver-2"));
        Assert.Equal("caught 2/2", round.ForcedError);
        var (model, root) = await ScenarioRun.RecomputeAsync(report, round, folder);
        Assert.Equal(round.OnChainModel, model.ToString());
        Assert.Equal(round.OnChainMerkleRoot, root.ToString());
        Assert.False(round.ModelReplaced, string.Join("\n", round.Challenges));
        Assert.Empty(round.Challenges);
    }

    [Fact]
    public async Task RunAsync_DaemonKilledRightAfterCommit_SupervisorRestartsItAndItReveals()
    {
        var options = ScenarioRun.Daemons(_home, rounds: 2) with { SolverFaults = [null, SolverFault.CrashAfterCommit, null] };

        var (report, folder) = await ScenarioRun.RunAsync(options);

        Assert.Equal(2, report.Rounds.Count);
        foreach (var round in report.Rounds)
        {
            // Each round the daemon acted on its own, was SIGKILLed after its commit, was started again by the
            // supervisor, found its salt and its commitment, and revealed before the reveal deadline on real block time.
            var killed = round.Solvers["solver-2"];
            var death = Assert.Single(round.Errors);
            Assert.StartsWith("solver-2 ", death, StringComparison.Ordinal);
            Assert.Contains("node daemon exited with code 137", death, StringComparison.Ordinal);
            Assert.Contains(report.Transactions, t => t.From.ToString() == killed && t.Action == "revealSolution" && t.TaskId == round.TaskId);
            Assert.Equal(4, round.Reveals);
            Assert.Equal("caught 2/2", round.ForcedError);
            Assert.True(round.RewardsAtn.ContainsKey("solver-2"));
            var (model, root) = await ScenarioRun.RecomputeAsync(report, round, folder);
            Assert.Equal(round.OnChainModel, model.ToString());
            Assert.Equal(round.OnChainMerkleRoot, root.ToString());
        }
        // Each node claimed what it was owed by itself: one claim per node and round that owed it anything.
        var owed = report.Rounds.Sum(r => r.RewardsAtn.Keys.Union(r.BondsAtn.Where(b => b.Value != "forfeited").Select(b => b.Key)).Count());
        Assert.Equal(owed, report.Transactions.Count(t => t.Action == "claim"));
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
