using Autonet.Chain.Contracts;
using Autonet.Chain.Dev;
using Autonet.Core.Hashing;

namespace Autonet.Chain.Tests.Anvil;

[Collection(SystemCollection.Name)]
public class ModelChallengesTests(SystemFixture fixture) : SystemTestBase(fixture)
{
    [Fact]
    public async Task ChallengeVoteSettle_UpheldChallenge_ReplacesModelAndSlashesAggregator()
    {
        var (project, challenges, staking) = (Fixture.Contracts.Project, Fixture.Contracts.Challenges, Fixture.Contracts.Staking);
        var id = await project.CreateProjectAsync(Fixture.Owner, "bafy-meta", "", None);
        await project.SetAggregatorAsync(Fixture.Owner, id, Fixture.Aggregator.Address, true, None);
        await staking.StakeAsync(Fixture.Aggregator, StakingRole.Aggregator, Atn.Units(1_000), None);
        var taskId = await new ProjectTests(Fixture).SettledTaskAsync(id);
        var (round, _) = await project.PublishModelAsync(Fixture.Aggregator, id, taskId, "bafy-wrong", Keccak256.Hash("wrong"u8), None);
        var (challenger, voter) = (Fixture.Coordinators[0], Fixture.Coordinators[1]);
        foreach (var c in Fixture.Coordinators)
        {
            await staking.StakeAsync(c, StakingRole.Coordinator, Atn.Units(500), None);
        }

        await challenges.ChallengeAsync(challenger, id, round, "bafy-right", Keccak256.Hash("right"u8), None);
        await challenges.VoteAsync(voter, id, round, 0, upheld: true, None);
        var open = (await challenges.WindowOfAsync(id, round, None))!;
        Assert.Equal((taskId, Fixture.Aggregator.Address, Atn.Units(100), false), (open.TaskId, open.Aggregator, open.Bond, open.Settled));
        var challenge = Assert.Single(open.Challenges);
        Assert.Equal((challenger.Address, "bafy-right", Atn.Units(500), ChallengeOutcome.Pending), (challenge.Challenger, challenge.Cid, challenge.UpheldStake, challenge.Outcome));
        Assert.True(await challenges.HasVotedAsync(id, round, 0, voter.Address, None));
        var early = await Assert.ThrowsAsync<ChainException>(() => challenges.SettleAsync(Fixture.Outsider, id, round, None));
        Assert.Equal("WindowStillOpen", early.Revert?.Name);

        await Fixture.Client.AdvanceTimeAsync(open.SettleAfter - open.ClosesAt + TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1), None);
        await challenges.SettleAsync(Fixture.Outsider, id, round, None);

        var settled = (await challenges.WindowOfAsync(id, round, None))!;
        Assert.True(settled.Settled && settled.Replaced);
        Assert.Equal(ChallengeOutcome.Upheld, Assert.Single(settled.Challenges).Outcome);
        Assert.Equal(("bafy-right", Keccak256.Hash("right"u8), round, true), await project.LatestModelWithFinalityAsync(id, None));
        Assert.Equal(Atn.Units(900), await staking.StakeOfAsync(Fixture.Aggregator.Address, StakingRole.Aggregator, None));
        Assert.Null(await challenges.WindowOfAsync(id, round + 1, None));
    }
}
