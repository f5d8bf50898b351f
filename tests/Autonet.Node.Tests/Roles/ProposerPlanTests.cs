using Autonet.Node.Roles;

namespace Autonet.Node.Tests.Roles;

/// <summary>A proposer daemon's plan: refused at startup when out of range (naming the member), and its pool's draws.</summary>
public sealed class ProposerPlanTests : IDisposable
{
    private readonly NodeHome _home = new(Directory.CreateTempSubdirectory("autonet-plan-").FullName);

    private static ProposerPlan Plan => new() { Tasks = 3, CommitWindowSeconds = 20, RevealWindowSeconds = 4, VerifyWindowSeconds = 4, Pool = 100, Samples = 16 };

    [Theory]
    [InlineData(0, 20, 4, 16, "node.json proposing: tasks 0 must be at least 1")]
    [InlineData(3, 1, 4, 16, "node.json proposing: commitWindowSeconds 1 must be at least 2 (TaskContract.MIN_WINDOW)")]
    [InlineData(3, 20, 0, 16, "node.json proposing: revealWindowSeconds 0 must be at least 2 (TaskContract.MIN_WINDOW)")]
    [InlineData(3, 20, 4, 101, "node.json proposing: samples 101 must be between 1 and pool 100")]
    public void Validate_OutOfRange_ThrowsNamingMemberAndRule(int tasks, int commit, int reveal, int samples, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => (Plan with { Tasks = tasks, CommitWindowSeconds = commit, RevealWindowSeconds = reveal, Samples = samples }).Validate());
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void SaveLoad_ProposerWithPlan_RoundTrips()
    {
        var config = new NodeConfig { Name = "proposer-1", Role = NodeRole.Proposer, Gateway = new Uri("http://127.0.0.1:5091/"), Proposing = Plan with { Secret = 77 } };
        config.Save(_home);
        Assert.Equal(config.Proposing, NodeConfig.Load(_home).Proposing);
    }

    [Fact]
    public void Sample_SameRound_SameDistinctIndicesOtherRoundOthers()
    {
        var first = HeldOutPool.Sample(100, 16, 5, round: 1);
        Assert.Equal(first, HeldOutPool.Sample(100, 16, 5, round: 1));
        Assert.Equal(16, first.Distinct().Count());
        Assert.All(first, i => Assert.InRange(i, 0, 99));
        Assert.NotEqual(first, HeldOutPool.Sample(100, 16, 5, round: 2)); // a fresh draw per task
        Assert.NotEqual(first, HeldOutPool.Sample(100, 16, 6, round: 1)); // another proposer's secret, another set
    }

    public void Dispose() => Directory.Delete(_home.Path, recursive: true);
}
