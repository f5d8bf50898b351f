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
        var project = Fixture.System.Project;
        var id = await project.CreateProjectAsync(Fixture.Owner, "bafy-meta", None);
        await project.FundAsync(Fixture.Owner, id, Atn.Units(1_000), None);
        Assert.Equal(Atn.Units(1_000), await project.BudgetOfAsync(id, None));
        await project.SetAggregatorAsync(Fixture.Owner, id, Fixture.Aggregator.Address, true, None);
        var unstaked = await Assert.ThrowsAsync<ChainException>(() => project.PublishModelAsync(Fixture.Aggregator, id, "bafy-model-0", Keccak256.Hash("m"u8), None));
        Assert.Equal("NotProjectAggregator", unstaked.Revert?.Name); // named but not staked as Aggregator
        await Fixture.System.Staking.StakeAsync(Fixture.Aggregator, StakingRole.Aggregator, Atn.Units(1_000), None);

        var root = Keccak256.Hash("model-1"u8);
        var round = await project.PublishModelAsync(Fixture.Aggregator, id, "bafy-model-1", root, None);
        var round2 = await project.PublishModelAsync(Fixture.Aggregator, id, "bafy-model-2", Keccak256.Hash("model-2"u8), None);
        Assert.Equal(round + 1, round2);
        var latest = await project.LatestModelAsync(id, None);
        Assert.Equal(("bafy-model-2", Keccak256.Hash("model-2"u8), round2), latest);
    }

    [Fact]
    public async Task PublishAndSetProposer_ByOutsider_RevertWithNamedErrors()
    {
        var project = Fixture.System.Project;
        var id = await project.CreateProjectAsync(Fixture.Owner, "bafy-meta", None);
        var publish = await Assert.ThrowsAsync<ChainException>(() => project.PublishModelAsync(Fixture.Outsider, id, "bafy-x", Keccak256.Hash("x"u8), None));
        Assert.Equal("NotProjectAggregator", publish.Revert?.Name);
        var proposer = await Assert.ThrowsAsync<ChainException>(() => project.SetProposerAsync(Fixture.Outsider, id, Fixture.Outsider.Address, true, None));
        Assert.Equal("NotProjectOwner", proposer.Revert?.Name);
        Assert.Equal(new object[] { id, Fixture.Outsider.Address }, proposer.Revert?.Values);
        var unknown = await Assert.ThrowsAsync<ChainException>(() => project.FundAsync(Fixture.Owner, new BigInteger(999), Atn.Units(1), None));
        Assert.Equal("UnknownProject", unknown.Revert?.Name);
    }
}
