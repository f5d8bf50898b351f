using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Dev;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;
using Xunit.Abstractions;

namespace Autonet.Chain.Tests.Anvil;

/// <summary>Scenario: one full task with 3 solvers and 2 coordinators on the real contracts, plus the task's failure paths.</summary>
[Collection(SystemCollection.Name)]
public class TaskLifecycleTests(SystemFixture fixture, ITestOutputHelper output) : SystemTestBase(fixture)
{
    [Fact]
    public async Task FullLifecycle_ThreeSolversTwoCoordinators_SettlesAndPaysFromPools()
    {
        var scenario = new TaskScenario(Fixture);
        await scenario.SetUpAsync();
        var system = Fixture.Contracts;
        var budgetBefore = await system.Project.BudgetOfAsync(scenario.ProjectId, None);

        await scenario.ProposeAndOpenAsync();
        Assert.Equal(TaskState.Committing, await system.Tasks.StateOfAsync(scenario.TaskId, None));
        foreach (var solver in Fixture.Solvers)
        {
            await scenario.CommitAsync(solver);
        }
        await scenario.RevealGroundTruthAsync();
        Assert.Equal(TaskState.GroundTruthRevealed, await system.Tasks.StateOfAsync(scenario.TaskId, None));
        foreach (var solver in Fixture.Solvers)
        {
            await scenario.RevealAsync(solver);
        }
        await scenario.CloseRevealsAsync();
        Assert.Equal(TaskState.Verifying, await system.Tasks.StateOfAsync(scenario.TaskId, None));

        var revealed = await system.Tasks.RevealedSolversAsync(scenario.TaskId, None);
        Assert.Equal(Fixture.Solvers.Select(s => s.Address), revealed);
        await scenario.VoteAsync(Fixture.Coordinators[0], [9000, 5000, 1000]);
        await scenario.VoteAsync(Fixture.Coordinators[1], [8800, 5200, 1200]);
        Assert.Empty(await system.Rewards.VotersOfAsync(scenario.TaskId, None)); // hidden until revealed
        await scenario.RevealVotesAsync();
        Assert.Equal(Fixture.Coordinators.Select(c => c.Address), await system.Rewards.VotersOfAsync(scenario.TaskId, None));
        await Fixture.Client.AdvanceTimeAsync(TaskScenario.Window + TimeSpan.FromSeconds(1), None);
        await scenario.FinalizeAsync();
        Assert.Equal(TaskState.Settled, await system.Tasks.StateOfAsync(scenario.TaskId, None));
        Assert.True((await system.Tasks.GetTaskAsync(scenario.TaskId, None))?.Finalized);

        // Consensus orders the solvers as both coordinators did.
        var consensus = new List<ushort>();
        foreach (var solver in Fixture.Solvers)
        {
            consensus.Add(await system.Rewards.ConsensusOfAsync(scenario.TaskId, solver.Address, None));
        }
        Assert.True(consensus[0] > consensus[1] && consensus[1] > consensus[2], $"consensus {string.Join(",", consensus)}");

        var paid = BigInteger.Zero;
        foreach (var account in Fixture.Solvers.Concat(Fixture.Coordinators).Append(scenario.Proposer))
        {
            var expected = await system.Rewards.RewardOfAsync(scenario.TaskId, account.Address, None);
            var before = await system.Token.BalanceOfAsync(account.Address, None);
            var claimed = await scenario.ClaimAsync(account);
            Assert.Equal(expected, claimed);
            Assert.Equal(0, await system.Rewards.UnclaimedOfAsync(scenario.TaskId, account.Address, None));
            Assert.Equal(before + claimed, await system.Token.BalanceOfAsync(account.Address, None));
            paid += claimed;
        }
        // Every pool is debited when it pays: what was paid (the three solvers' bonds back included) plus what went back
        // to the project is what left the budget plus the bonds posted.
        var budgetAfter = await system.Project.BudgetOfAsync(scenario.ProjectId, None);
        var rewardsBalance = await system.Token.BalanceOfAsync(system.Rewards.Address, None);
        var bonds = 3 * TaskScenario.Bond;
        Assert.Equal(budgetBefore - budgetAfter + bonds, paid + rewardsBalance);
        Assert.True(paid <= TaskScenario.Reward + bonds, $"paid {paid} exceeds the task's reward {TaskScenario.Reward} plus the bonds {bonds}");
        var again = await Assert.ThrowsAsync<ChainException>(() => system.Rewards.ClaimAsync(Fixture.Solvers[0], scenario.TaskId, None));
        Assert.Contains(again.Revert?.Name, new[] { "AlreadyClaimed", "NothingToClaim" });

        output.WriteLine(scenario.GasReport());
        Console.WriteLine(scenario.GasReport());
        // 19 before commit-reveal votes; now each of the 2 coordinators sends a commitment and a reveal (2 transactions, was
        // 1), and a keeper anchors the committee draw: 19 + 2 + 1.
        Assert.Equal(22, scenario.Transactions);
    }

    [Fact]
    public async Task CancelTask_ProposerMissedGroundTruthWindow_AnyoneCancelsAndProposerIsSlashed()
    {
        // The deployment must authorize TaskContract as a slasher, or this cancel reverts with UnauthorizedSlasher.
        var scenario = new TaskScenario(Fixture);
        await scenario.SetUpAsync();
        await scenario.ProposeAndOpenAsync();
        await scenario.CommitAsync(Fixture.Solvers[0]);
        var system = Fixture.Contracts;
        var stakeBefore = await system.Staking.StakeOfAsync(scenario.Proposer.Address, StakingRole.Proposer, None);
        await Fixture.Client.AdvanceTimeAsync(TaskScenario.Window + TaskScenario.Window + TimeSpan.FromSeconds(2), None);

        await system.Tasks.CancelTaskAsync(Fixture.Solvers[1], scenario.TaskId, None);

        Assert.Equal(TaskState.Settled, await system.Tasks.StateOfAsync(scenario.TaskId, None));
        var stakeAfter = await system.Staking.StakeOfAsync(scenario.Proposer.Address, StakingRole.Proposer, None);
        Assert.Equal(stakeBefore - (stakeBefore * 1000 / 10000), stakeAfter); // MISSED_REVEAL_PENALTY_SHARE = 10%
    }

    [Fact]
    public async Task Commitments_ComputedInCSharp_EqualContractPureFunctions()
    {
        var tasks = Fixture.Contracts.Tasks;
        var salt = Keccak256.Hash("s"u8);
        var solver = Fixture.Solvers[0].Address;
        var (x, g) = (ContentId.Of("x"u8), ContentId.Of("gt"u8));
        var onChain = await tasks.Raw.CallAsync<byte[]>("solutionCommitment", None, new BigInteger(7), solver, x.Digest, salt);
        Assert.Equal(TaskContract.SolutionCommitment(7, solver, x, salt).ToArray(), onChain);
        var gt = await tasks.Raw.CallAsync<byte[]>("groundTruthCommitment", None, solver, g.Digest, salt);
        Assert.Equal(TaskContract.GroundTruthCommitment(solver, g, salt).ToArray(), gt);
        var flag = await Fixture.Contracts.ForcedErrors.Raw.CallAsync<byte[]>("flagCommitment", None, new BigInteger(7), solver, x.Digest, salt);
        Assert.Equal(ForcedErrorRegistry.FlagCommitment(7, solver, x.Digest, salt).ToArray(), flag);
        ushort[] scores = [0, 10_000, 77];
        var vote = await Fixture.Contracts.Rewards.Raw.CallAsync<byte[]>(
            "voteCommitment", None, new BigInteger(7), solver, scores.Select(v => (object)(uint)v).ToArray(), new BigInteger(5), true, salt);
        Assert.Equal(ResultsRewards.VoteCommitment(7, solver, scores, 5, true, salt).ToArray(), vote);
    }

    [Fact]
    public async Task FailurePaths_UnstakedWrongRevealLateCommit_RevertWithNamedErrors()
    {
        var scenario = new TaskScenario(Fixture);
        await scenario.SetUpAsync();
        await scenario.ProposeAndOpenAsync();
        var tasks = Fixture.Contracts.Tasks;

        var unstaked = await Assert.ThrowsAsync<ChainException>(() => tasks.CommitSolutionAsync(Fixture.Outsider, scenario.TaskId, Keccak256.Hash("x"u8), None));
        Assert.Equal("NotStaked", unstaked.Revert?.Name);
        Assert.Equal(Fixture.Outsider.Address, unstaked.Revert?.Values[0]);

        var proposerSolves = await Assert.ThrowsAsync<ChainException>(() => tasks.CommitSolutionAsync(scenario.Proposer, scenario.TaskId, Keccak256.Hash("x"u8), None));
        Assert.Contains(proposerSolves.Revert?.Name, new[] { "NotStaked", "ProposerCannotSolve" });

        await scenario.CommitAsync(Fixture.Solvers[0]);
        var twice = await Assert.ThrowsAsync<ChainException>(() => scenario.CommitAsync(Fixture.Solvers[0]));
        Assert.Equal("SolverNotInStatus", twice.Revert?.Name);

        await scenario.RevealGroundTruthAsync();
        var late = await Assert.ThrowsAsync<ChainException>(() => scenario.CommitAsync(Fixture.Solvers[1]));
        Assert.Equal("TaskNotInState", late.Revert?.Name);

        // A copier revealing someone else's CID under its own commitment fails: the commitment binds the solver.
        var wrong = await Assert.ThrowsAsync<ChainException>(() =>
            tasks.RevealSolutionAsync(Fixture.Solvers[0], scenario.TaskId, ContentId.Of("other"u8), TaskScenario.SaltOf(Fixture.Solvers[0]), None));
        Assert.Equal("RevealMismatch", wrong.Revert?.Name);
        Assert.Equal(scenario.TaskId, wrong.Revert?.Values[0]);

        var early = await Assert.ThrowsAsync<ChainException>(() => Fixture.Contracts.Rewards.FinalizeAsync(Fixture.Outsider, scenario.TaskId, None));
        Assert.Equal("TaskNotInState", early.Revert?.Name);
    }
}
