using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Dev;

namespace Autonet.Chain.Tests.Anvil;

/// <summary>Contract: TaskContract's typed reads (records decoded from a real task) and its reward split, on the real contracts.</summary>
[Collection(SystemCollection.Name)]
public class TaskContractTests(SystemFixture fixture) : SystemTestBase(fixture)
{
    [Fact]
    public async Task GetTaskAndSolutionsOf_RealTaskThroughItsPhases_DecodeEveryField()
    {
        var scenario = new TaskScenario(Fixture);
        await scenario.SetUpAsync();
        var tasks = Fixture.Contracts.Tasks;
        await scenario.ProposeAndOpenAsync();
        var opened = DateTimeOffset.FromUnixTimeSeconds((long)await Fixture.Client.GetLatestTimestampAsync(None));

        var proposed = await tasks.GetTaskAsync(scenario.TaskId, None);
        Assert.NotNull(proposed);
        Assert.Equal(scenario.TaskId, proposed.TaskId);
        Assert.Equal(scenario.Terms(), proposed.Terms);
        Assert.Equal(scenario.Proposer.Address, proposed.Proposer);
        Assert.Equal(TaskState.Committing, proposed.State);
        Assert.False(proposed.Cancelled);
        Assert.False(proposed.Finalized);
        Assert.Equal(opened + TaskScenario.Window, proposed.CommitDeadline);
        Assert.Equal(DateTimeOffset.UnixEpoch, proposed.RevealDeadline); // not opened yet: the contract stores 0
        Assert.Equal(DateTimeOffset.UnixEpoch, proposed.VerifyDeadline);
        Assert.Null(proposed.GroundTruth);
        Assert.Equal(default, proposed.Seed);

        var (first, second) = (Fixture.Solvers[0], Fixture.Solvers[1]);
        await scenario.CommitAsync(first);
        await scenario.CommitAsync(second);
        await scenario.RevealGroundTruthAsync();
        await scenario.RevealAsync(second);

        var revealing = await tasks.GetTaskAsync(scenario.TaskId, None);
        Assert.Equal(TaskState.Revealing, revealing?.State);
        Assert.Equal(TaskScenario.GroundTruthCid, revealing?.GroundTruth);
        Assert.NotEqual(default, revealing?.Seed); // fixed at the reveal, from the proposer's salt and a block hash
        Assert.True(revealing?.RevealDeadline > revealing?.CommitDeadline);
        Assert.Equal(
            [
                new SolutionRecord(first.Address, TaskContract.SolutionCommitment(scenario.TaskId, first.Address, TaskScenario.CidOf(first), TaskScenario.SaltOf(first)), null),
                new SolutionRecord(second.Address, TaskContract.SolutionCommitment(scenario.TaskId, second.Address, TaskScenario.CidOf(second), TaskScenario.SaltOf(second)), TaskScenario.CidOf(second)),
            ],
            await tasks.SolutionsOfAsync(scenario.TaskId, None));
        Assert.Equal(scenario.TaskId, await tasks.TaskCountAsync(None));
        Assert.Equal(scenario.ProjectId, await tasks.ProjectOfAsync(scenario.TaskId, None));
    }

    [Fact]
    public async Task GetTaskAsync_NoSuchTask_ReturnsNull()
    {
        Assert.Null(await Fixture.Contracts.Tasks.GetTaskAsync(12_345, None));
        Assert.Empty(await Fixture.Contracts.Tasks.SolutionsOfAsync(12_345, None));
    }

    [Theory]
    [InlineData("400", "276", "80", "40", "4")]
    [InlineData("419", "291", "83", "41", "4")] // 289.11 + 83.8 + 41.9 + 4.19: the solvers get all 1.89 of rounding
    [InlineData("1000000000000000007", "690000000000000006", "200000000000000001", "100000000000000000", "10000000000000000")]
    [InlineData("420000000000000000000", "289800000000000000000", "84000000000000000000", "42000000000000000000", "4200000000000000000")]
    public async Task RewardSplitAsync_OddAndRoundAmounts_SumsToRewardWithRoundingToSolvers(string reward, string solvers, string coordinators, string proposer, string keepers)
    {
        var split = await Fixture.Contracts.Tasks.RewardSplitAsync(BigInteger.Parse(reward), None);
        Assert.Equal(new RewardSplit(BigInteger.Parse(solvers), BigInteger.Parse(coordinators), BigInteger.Parse(proposer), BigInteger.Parse(keepers)), split);
        Assert.Equal(BigInteger.Parse(reward), split.Total);
    }

    [Fact]
    public async Task ProposeTaskAsync_OddReward_OpensTheSplitPoolsAndMovesTheWholeReward()
    {
        var scenario = new TaskScenario(Fixture);
        await scenario.SetUpAsync();
        var contracts = Fixture.Contracts;
        var reward = Atn.Units(7) + 3;
        var budget = await contracts.Project.BudgetOfAsync(scenario.ProjectId, None);

        var (taskId, _) = await contracts.Tasks.ProposeTaskAsync(scenario.Proposer, scenario.Terms() with { Reward = reward }, None);

        var pool = await contracts.Rewards.PoolOfAsync(taskId, None);
        Assert.Equal(
            new RewardPool(scenario.ProjectId, await contracts.Tasks.RewardSplitAsync(reward, None), 0, TaskScenario.Bond, 0, 0, Opened: true, Finalized: false, Voided: false), pool);
        Assert.Equal(reward, pool.Split.Total);
        Assert.Equal(budget - reward, await contracts.Project.BudgetOfAsync(scenario.ProjectId, None));
        Assert.Equal(reward, (await contracts.Tasks.GetTaskAsync(taskId, None))?.Terms.Reward);
    }

    [Fact]
    public async Task ProposeTaskAsync_RewardBelowMinimum_RevertsWithRewardTooSmall()
    {
        var scenario = new TaskScenario(Fixture);
        await scenario.SetUpAsync();
        var error = await Assert.ThrowsAsync<ChainException>(() =>
            Fixture.Contracts.Tasks.ProposeTaskAsync(scenario.Proposer, scenario.Terms() with { Reward = 9 }, None));
        Assert.Equal("RewardTooSmall", error.Revert?.Name);
        Assert.Equal(new object[] { new BigInteger(9), new BigInteger(400) }, error.Revert?.Values);
    }
}
