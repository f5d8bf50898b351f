using Autonet.Chain.Crypto;
using Autonet.Node.Config;
using Autonet.Node.Roles;

namespace Autonet.Node.Tests.Roles;

/// <summary>A proposer daemon's plan from its proposer.* keys: refused when out of range (naming the keys), its secret, and its pool's draws.</summary>
public sealed class ProposerPlanTests : IDisposable
{
    private static readonly System.Collections.Hashtable NoEnvironment = [];
    private readonly NodeHome _home = new(Directory.CreateTempSubdirectory("autonet-plan-").FullName);
    private readonly SigningKey _key = SigningKey.Generate();

    private static ProposerPlan Plan => new() { Tasks = 3, CommitWindowSeconds = 20, RevealWindowSeconds = 4, VerifyWindowSeconds = 4, Pool = 100, Samples = 16 };

    [Theory]
    [InlineData(0, 20, 4, 16, "config.yaml: proposer.tasks = 0: must be at least 1 for a schedule")]
    [InlineData(3, 1, 4, 16, "config.yaml: proposer.commit_window_seconds = 1: must be at least 2 (TaskContract.MIN_WINDOW)")]
    [InlineData(3, 20, 0, 16, "config.yaml: proposer.reveal_window_seconds = 0: must be at least 2 (TaskContract.MIN_WINDOW)")]
    [InlineData(3, 20, 4, 101, "config.yaml: proposer.samples = 101: must be between 1 and proposer.pool = 100")]
    public void Validate_OutOfRange_ThrowsNamingKeyAndRule(int tasks, int commit, int reveal, int samples, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => (Plan with { Tasks = tasks, CommitWindowSeconds = commit, RevealWindowSeconds = reveal, Samples = samples }).Validate());
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void From_Keys_ThePlanTheyName()
    {
        Write(new() { [ProposerKeys.Tasks] = 3L, [ProposerKeys.CommitWindow] = 30L, [ProposerKeys.Pool] = 100L, [ProposerKeys.Samples] = 16L, [ProposerKeys.Secret] = 77L, [ProposerKeys.LearningRate] = 0.002 });
        var plan = NodeConfig.From(AutonetConfig.Load(_home, NoEnvironment), _key).Proposing;
        Assert.Equal(Plan with { CommitWindowSeconds = 30, Secret = 77, LearningRate = 0.002f }, plan);
    }

    [Fact]
    public void From_NoTasks_NoSchedule()
    {
        Write([]);
        Assert.Null(NodeConfig.From(AutonetConfig.Load(_home, NoEnvironment), _key).Proposing);
    }

    [Fact]
    public void From_SecretZero_DerivedFromThePrivateKeyOnly()
    {
        Write(new() { [ProposerKeys.Tasks] = 1L });
        var settings = AutonetConfig.Load(_home, NoEnvironment);
        using var other = SigningKey.Generate();
        var secret = ProposerPlan.From(settings, _key)!.Secret;
        Assert.NotEqual(0UL, secret);
        Assert.Equal(secret, ProposerPlan.From(settings, _key)!.Secret); // the same after a restart
        Assert.NotEqual(secret, ProposerPlan.From(settings, other)!.Secret);
    }

    [Fact]
    public void Set_WindowBelowTheContractsMinimum_RefusedNamingKey()
    {
        var error = Assert.Throws<FormatException>(() => AutonetConfig.Set(_home, "proposer.verify_window_seconds", "1", NoEnvironment));
        Assert.Contains("proposer.verify_window_seconds = '1' is invalid: must be in 2..86400 seconds (TaskContract.MIN_WINDOW is 2)", error.Message, StringComparison.Ordinal);
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

    private void Write(Dictionary<ConfigKey, object> keys)
    {
        keys[ConfigKeys.NodeRole] = "proposer";
        AutonetConfig.Write(_home, keys);
    }

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_home.Path, recursive: true);
    }
}
