using Autonet.Core.Ids;
using Autonet.Protocol.Aggregation;
using Autonet.Protocol.Roles;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>The watcher of published models over the fake contract: it rebuilds, challenges a mismatch, votes, settles.</summary>
public class ChallengerRoleTests
{
    [Fact]
    public async Task StepAsync_HonestPublish_NeitherChallengesNorVotes()
    {
        var (network, challenges, taskId) = await PublishedAsync();
        var watcher = Watcher(network, challenges, TestNetwork.Account(10));

        var state = await watcher.StepAsync(taskId, default);

        Assert.Equal(network.Contract.Read(taskId).PublishedModel, state!.Rebuilt);
        Assert.False(state.Challenged);
        Assert.Empty(challenges.Challenges);
    }

    [Fact]
    public async Task StepAsync_WrongPublish_ChallengesWithRebuiltModelAndOthersUphold()
    {
        var (network, challenges, taskId) = await PublishedAsync(wrong: true);
        var (first, second) = (Watcher(network, challenges, TestNetwork.Account(10)), Watcher(network, challenges, TestNetwork.Account(11)));

        var state = await first.StepAsync(taskId, default);
        await second.StepAsync(taskId, default);
        await first.StepAsync(taskId, default); // votes on the second's challenge

        Assert.True(state!.Challenged);
        Assert.NotEqual(network.Contract.Read(taskId).PublishedModel, state.Rebuilt);
        Assert.Equal([state.Rebuilt, state.Rebuilt], challenges.Challenges.Select(c => c.Model));
        Assert.True(await network.Blobs.GetAsync(state.Rebuilt, default) is not null); // it placed the model it names
        Assert.Equal([(taskId, 0, TestNetwork.Account(11), true), (taskId, 1, TestNetwork.Account(10), true)], challenges.Votes);
    }

    [Fact]
    public async Task StepAsync_ChallengeNamingAnotherModel_VotedRejected()
    {
        var (network, challenges, taskId) = await PublishedAsync();
        await challenges.For(TestNetwork.Account(12)).ChallengeAsync(taskId, ContentId.Of("not the aggregate"u8), default, default);

        var state = await Watcher(network, challenges, TestNetwork.Account(10)).StepAsync(taskId, default);

        Assert.False(state!.Challenged);
        Assert.Equal((taskId, 0, TestNetwork.Account(10), false), Assert.Single(challenges.Votes));
    }

    [Fact]
    public async Task StepAsync_AfterEveryDeadline_SettlesOnceAndThenIsDone()
    {
        var (network, challenges, taskId) = await PublishedAsync();
        var watcher = Watcher(network, challenges, TestNetwork.Account(10));
        await watcher.StepAsync(taskId, default);
        network.Clock.Advance(challenges.ChallengeWindow + TimeSpan.FromSeconds(1));

        var state = await watcher.StepAsync(taskId, default);
        await watcher.StepAsync(taskId, default);

        Assert.True(state!.Settled);
        Assert.Equal([taskId], challenges.Settled);
    }

    [Fact]
    public async Task StepAsync_NothingPublished_ReturnsNull()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        var challenges = new FakeChallenges(network.Contract, network.Clock);

        Assert.Null(await Watcher(network, challenges, TestNetwork.Account(10)).StepAsync(taskId, default));
    }

    private static async Task<(TestNetwork Network, FakeChallenges Challenges, ulong TaskId)> PublishedAsync(bool wrong = false)
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        if (wrong)
        {
            network.AggregatorCodec.NegateModels = true; // the aggregator writes base - aggregate
        }
        await network.RunRoundAsync(taskId);
        network.AggregatorCodec.NegateModels = false;
        var challenges = new FakeChallenges(network.Contract, network.Clock);
        challenges.Open(taskId, TestNetwork.Account(20));
        return (network, challenges, taskId);
    }

    private static ChallengerRole Watcher(TestNetwork network, FakeChallenges challenges, Address account) =>
        new(new FakeChain(network.Contract, account), challenges.For(account), network.Blobs, new FakeCodec(), network.Models,
            new InMemoryStateStore<ChallengerTaskState>(), network.Clock, new AggregationOptions(), votes: true);
}
