using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Dev;
using Autonet.Core.Hashing;

namespace Autonet.Chain.Tests.Anvil;

[Collection(SystemCollection.Name)]
public class ProjectTests(SystemFixture fixture) : SystemTestBase(fixture)
{
    [Fact]
    public async Task CreateFundPublish_ByOwnerAndAggregator_RecordsModelPerRound()
    {
        var project = Fixture.Contracts.Project;
        var id = await project.CreateProjectAsync(Fixture.Owner, "bafy-meta", "", None);
        await project.FundAsync(Fixture.Owner, id, Atn.Units(1_000), None);
        Assert.Equal(Atn.Units(1_000), await project.BudgetOfAsync(id, None));
        await project.SetAggregatorAsync(Fixture.Owner, id, Fixture.Aggregator.Address, true, None);
        var unstaked = await Assert.ThrowsAsync<ChainException>(() => project.PublishModelAsync(Fixture.Aggregator, id, 0, "bafy-model-0", Keccak256.Hash("m"u8), None));
        Assert.Equal("NotProjectAggregator", unstaked.Revert?.Name); // named but not staked as Aggregator
        await Fixture.Contracts.Staking.StakeAsync(Fixture.Aggregator, StakingRole.Aggregator, Atn.Units(1_000), None);

        var root = Keccak256.Hash("model-1"u8);
        var (round, _) = await project.PublishModelAsync(Fixture.Aggregator, id, 0, "bafy-model-1", root, None);
        var taskId = await SettledTaskAsync(id);
        var (round2, _) = await project.PublishModelAsync(Fixture.Aggregator, id, taskId, "bafy-model-2", Keccak256.Hash("model-2"u8), None);
        Assert.Equal(round + 1, round2);
        Assert.Equal(("bafy-model-2", Keccak256.Hash("model-2"u8), round2), await project.LatestModelAsync(id, None));
        Assert.False((await project.LatestModelWithFinalityAsync(id, None)).Finalized); // in its challenge window
        Assert.Equal(("bafy-model-1", root, round, true), await project.LatestFinalModelAsync(id, None)); // the genesis is final at once
        Assert.Equal(round2, await project.RoundOfTaskAsync(id, taskId, None));
    }

    [Fact]
    public async Task CreateProjectAsync_WithAggregationSpec_ReadsItBackAndRefusesAnOverlongOne()
    {
        var project = Fixture.Contracts.Project;
        var id = await project.CreateProjectAsync(Fixture.Owner, "bafy-meta", "rule=trimmed-mean trim_per_side=1", None);
        Assert.Equal("rule=trimmed-mean trim_per_side=1", await project.AggregationOfAsync(id, None));
        var plain = await project.CreateProjectAsync(Fixture.Owner, "bafy-meta", "", None);
        Assert.Equal("", await project.AggregationOfAsync(plain, None));
        var tooLong = await Assert.ThrowsAsync<ChainException>(() => project.CreateProjectAsync(Fixture.Owner, "bafy-meta", new string('x', 129), None));
        Assert.Equal("AggregationTooLong", tooLong.Revert?.Name);
    }

    [Fact]
    public async Task PublishModelAsync_PerTask_ReadBackByTaskAndEventCarriesTaskId()
    {
        var project = Fixture.Contracts.Project;
        var id = await project.CreateProjectAsync(Fixture.Owner, "bafy-meta", "", None);
        await project.SetAggregatorAsync(Fixture.Owner, id, Fixture.Aggregator.Address, true, None);
        await Fixture.Contracts.Staking.StakeAsync(Fixture.Aggregator, StakingRole.Aggregator, Atn.Units(1_000), None);
        Assert.Null(await project.ModelOfTaskAsync(id, 0, None));

        var genesisRoot = Keccak256.Hash("genesis"u8);
        var (genesisRound, _) = await project.PublishModelAsync(Fixture.Aggregator, id, 0, "bafy-genesis", genesisRoot, None);
        var taskId = await SettledTaskAsync(id);
        var root = Keccak256.Hash("task"u8);
        var (round, receipt) = await project.PublishModelAsync(Fixture.Aggregator, id, taskId, "bafy-task", root, None);

        var published = project.Raw.Events(receipt, "ModelPublished").Single();
        Assert.Equal(taskId, published["taskId"]);
        Assert.Equal(round, published["round"]);
        Assert.Equal(genesisRound + 1, round);
        Assert.Equal(new PublishedModel("bafy-genesis", genesisRoot), await project.ModelOfTaskAsync(id, 0, None));
        Assert.Equal(new PublishedModel("bafy-task", root), await project.ModelOfTaskAsync(id, taskId, None));
        Assert.Null(await project.ModelOfTaskAsync(id, taskId + 1, None));
    }

    [Fact]
    public async Task PublishModelAsync_SecondForSameTask_RevertsWithModelAlreadyPublished()
    {
        var project = Fixture.Contracts.Project;
        var id = await project.CreateProjectAsync(Fixture.Owner, "bafy-meta", "", None);
        await project.SetAggregatorAsync(Fixture.Owner, id, Fixture.Aggregator.Address, true, None);
        await Fixture.Contracts.Staking.StakeAsync(Fixture.Aggregator, StakingRole.Aggregator, Atn.Units(1_000), None);
        var taskId = await SettledTaskAsync(id);
        var (round, _) = await project.PublishModelAsync(Fixture.Aggregator, id, taskId, "bafy-first", Keccak256.Hash("first"u8), None);

        var again = await Assert.ThrowsAsync<ChainException>(() =>
            project.PublishModelAsync(Fixture.Aggregator, id, taskId, "bafy-second", Keccak256.Hash("second"u8), None));

        Assert.Equal("ModelAlreadyPublished", again.Revert?.Name);
        Assert.Equal(new object[] { id, taskId, round, "bafy-first" }, again.Revert?.Values);
        Assert.Equal(new PublishedModel("bafy-first", Keccak256.Hash("first"u8)), await project.ModelOfTaskAsync(id, taskId, None));
    }

    [Fact]
    public async Task PublishModelAsync_UnsettledTaskOrNotDesignated_RevertsNamingTheRule()
    {
        var project = Fixture.Contracts.Project;
        var id = await project.CreateProjectAsync(Fixture.Owner, "bafy-meta", "", None);
        await project.SetAggregatorAsync(Fixture.Owner, id, Fixture.Aggregator.Address, true, None);
        await Fixture.Contracts.Staking.StakeAsync(Fixture.Aggregator, StakingRole.Aggregator, Atn.Units(1_000), None);

        var unknown = await Assert.ThrowsAsync<ChainException>(() => project.PublishModelAsync(Fixture.Aggregator, id, 77, "bafy-x", Keccak256.Hash("x"u8), None));
        Assert.Equal("TaskNotSettled", unknown.Revert?.Name);
        Assert.Equal(new object[] { new BigInteger(77), BigInteger.Zero }, unknown.Revert?.Values); // state None: no such task

        var second = Fixture.Chain.DevKeys[11];
        await project.SetAggregatorAsync(Fixture.Owner, id, second.Address, true, None);
        await Fixture.Contracts.Staking.StakeAsync(second, StakingRole.Aggregator, Atn.Units(1_000), None);
        var taskId = await SettledTaskAsync(id);
        var designated = await project.DesignatedAggregatorAsync(id, taskId, None);
        var other = designated == second.Address ? Fixture.Aggregator : second;
        var refused = await Assert.ThrowsAsync<ChainException>(() => project.PublishModelAsync(other, id, taskId, "bafy-x", Keccak256.Hash("x"u8), None));
        Assert.Equal("NotDesignatedAggregator", refused.Revert?.Name);
        Assert.Equal(new object[] { id, taskId, other.Address, designated }, refused.Revert?.Values);
    }

    [Fact]
    public async Task PublishAndSetProposer_ByOutsider_RevertWithNamedErrors()
    {
        var project = Fixture.Contracts.Project;
        var id = await project.CreateProjectAsync(Fixture.Owner, "bafy-meta", "", None);
        var publish = await Assert.ThrowsAsync<ChainException>(() => project.PublishModelAsync(Fixture.Outsider, id, 0, "bafy-x", Keccak256.Hash("x"u8), None));
        Assert.Equal("NotProjectAggregator", publish.Revert?.Name);
        var proposer = await Assert.ThrowsAsync<ChainException>(() => project.SetProposerAsync(Fixture.Outsider, id, Fixture.Outsider.Address, true, None));
        Assert.Equal("NotProjectOwner", proposer.Revert?.Name);
        Assert.Equal(new object[] { id, Fixture.Outsider.Address }, proposer.Revert?.Values);
        var unknown = await Assert.ThrowsAsync<ChainException>(() => project.FundAsync(Fixture.Owner, new BigInteger(999), Atn.Units(1), None));
        Assert.Equal("UnknownProject", unknown.Revert?.Name);
    }

    /// <summary>A task of <paramref name="projectId"/> that settled by cancellation (its ground truth never came), the shortest way to Settled.</summary>
    internal async Task<BigInteger> SettledTaskAsync(BigInteger projectId)
    {
        var contracts = Fixture.Contracts;
        if (!await contracts.Staking.IsActiveAsync(Fixture.Owner.Address, StakingRole.Proposer, None))
        {
            await contracts.Staking.StakeAsync(Fixture.Owner, StakingRole.Proposer, Atn.Units(100), None); // a cancellation slashes it below the minimum
        }
        await contracts.Project.FundAsync(Fixture.Owner, projectId, Atn.Units(1_000), None);
        var window = TimeSpan.FromSeconds(60);
        var terms = new TaskTerms(projectId, "bafy-spec", Keccak256.Hash("gt"u8), Atn.Units(100), Atn.Units(1), window, window, window);
        var (taskId, _) = await contracts.Tasks.ProposeTaskAsync(Fixture.Owner, terms, None);
        await contracts.Tasks.OpenCommitsAsync(Fixture.Owner, taskId, None);
        await Fixture.Client.AdvanceTimeAsync(window * 2 + TimeSpan.FromSeconds(1), None);
        await contracts.Tasks.CancelTaskAsync(Fixture.Outsider, taskId, None);
        return taskId;
    }
}
