using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Core.Hashing;

namespace Autonet.Chain.Tests.Anvil;

[Collection(SystemCollection.Name)]
public class ProjectTests(SystemFixture fixture) : SystemTestBase(fixture)
{
    [Fact]
    public async Task CreateFundPublish_ByOwnerAndAggregator_RecordsModelPerRound()
    {
        var project = Fixture.Contracts.Project;
        var id = await project.CreateProjectAsync(Fixture.Owner, "bafy-meta", None);
        await project.FundAsync(Fixture.Owner, id, Atn.Units(1_000), None);
        Assert.Equal(Atn.Units(1_000), await project.BudgetOfAsync(id, None));
        await project.SetAggregatorAsync(Fixture.Owner, id, Fixture.Aggregator.Address, true, None);
        var unstaked = await Assert.ThrowsAsync<ChainException>(() => project.PublishModelAsync(Fixture.Aggregator, id, 0, "bafy-model-0", Keccak256.Hash("m"u8), None));
        Assert.Equal("NotProjectAggregator", unstaked.Revert?.Name); // named but not staked as Aggregator
        await Fixture.Contracts.Staking.StakeAsync(Fixture.Aggregator, StakingRole.Aggregator, Atn.Units(1_000), None);

        var root = Keccak256.Hash("model-1"u8);
        var (round, _) = await project.PublishModelAsync(Fixture.Aggregator, id, 0, "bafy-model-1", root, None);
        var (round2, _) = await project.PublishModelAsync(Fixture.Aggregator, id, 1, "bafy-model-2", Keccak256.Hash("model-2"u8), None);
        Assert.Equal(round + 1, round2);
        var latest = await project.LatestModelAsync(id, None);
        Assert.Equal(("bafy-model-2", Keccak256.Hash("model-2"u8), round2), latest);
    }

    [Fact]
    public async Task PublishModelAsync_PerTask_ReadBackByTaskAndEventCarriesTaskId()
    {
        var project = Fixture.Contracts.Project;
        var id = await project.CreateProjectAsync(Fixture.Owner, "bafy-meta", None);
        await project.SetAggregatorAsync(Fixture.Owner, id, Fixture.Aggregator.Address, true, None);
        await Fixture.Contracts.Staking.StakeAsync(Fixture.Aggregator, StakingRole.Aggregator, Atn.Units(1_000), None);
        Assert.Null(await project.ModelOfTaskAsync(id, 0, None));

        var genesisRoot = Keccak256.Hash("genesis"u8);
        var (genesisRound, _) = await project.PublishModelAsync(Fixture.Aggregator, id, 0, "bafy-genesis", genesisRoot, None);
        var root = Keccak256.Hash("task-5"u8);
        var (round, receipt) = await project.PublishModelAsync(Fixture.Aggregator, id, 5, "bafy-task-5", root, None);

        var published = project.Raw.Events(receipt, "ModelPublished").Single();
        Assert.Equal(new BigInteger(5), published["taskId"]);
        Assert.Equal(round, published["round"]);
        Assert.Equal(genesisRound + 1, round);
        Assert.Equal(new PublishedModel("bafy-genesis", genesisRoot), await project.ModelOfTaskAsync(id, 0, None));
        Assert.Equal(new PublishedModel("bafy-task-5", root), await project.ModelOfTaskAsync(id, 5, None));
        Assert.Null(await project.ModelOfTaskAsync(id, 4, None));
    }

    [Fact]
    public async Task PublishModelAsync_SecondForSameTask_RevertsWithModelAlreadyPublished()
    {
        var project = Fixture.Contracts.Project;
        var id = await project.CreateProjectAsync(Fixture.Owner, "bafy-meta", None);
        await project.SetAggregatorAsync(Fixture.Owner, id, Fixture.Aggregator.Address, true, None);
        await Fixture.Contracts.Staking.StakeAsync(Fixture.Aggregator, StakingRole.Aggregator, Atn.Units(1_000), None);
        var (round, _) = await project.PublishModelAsync(Fixture.Aggregator, id, 3, "bafy-first", Keccak256.Hash("first"u8), None);

        var again = await Assert.ThrowsAsync<ChainException>(() =>
            project.PublishModelAsync(Fixture.Aggregator, id, 3, "bafy-second", Keccak256.Hash("second"u8), None));

        Assert.Equal("ModelAlreadyPublished", again.Revert?.Name);
        Assert.Equal(new object[] { id, new BigInteger(3), round, "bafy-first" }, again.Revert?.Values);
        Assert.Equal(new PublishedModel("bafy-first", Keccak256.Hash("first"u8)), await project.ModelOfTaskAsync(id, 3, None));
    }

    [Fact]
    public async Task PublishAndSetProposer_ByOutsider_RevertWithNamedErrors()
    {
        var project = Fixture.Contracts.Project;
        var id = await project.CreateProjectAsync(Fixture.Owner, "bafy-meta", None);
        var publish = await Assert.ThrowsAsync<ChainException>(() => project.PublishModelAsync(Fixture.Outsider, id, 0, "bafy-x", Keccak256.Hash("x"u8), None));
        Assert.Equal("NotProjectAggregator", publish.Revert?.Name);
        var proposer = await Assert.ThrowsAsync<ChainException>(() => project.SetProposerAsync(Fixture.Outsider, id, Fixture.Outsider.Address, true, None));
        Assert.Equal("NotProjectOwner", proposer.Revert?.Name);
        Assert.Equal(new object[] { id, Fixture.Outsider.Address }, proposer.Revert?.Values);
        var unknown = await Assert.ThrowsAsync<ChainException>(() => project.FundAsync(Fixture.Owner, new BigInteger(999), Atn.Units(1), None));
        Assert.Equal("UnknownProject", unknown.Revert?.Name);
    }
}
