// A proposer daemon's schedule, from config.yaml's proposer.* keys (Config.ProposerKeys): how many tasks it posts by
// itself, on what terms (windows in seconds, reward, solver bond, training recipe) and from which private held-out
// pool it draws each task's validation sample. Without it (proposer.tasks 0) a proposer node only reveals what it
// proposed; with it, `node run` posts the next task once the previous one is through (ProposerSchedule).
using Autonet.Chain.Crypto;
using Autonet.Node.Config;

namespace Autonet.Node.Roles;

/// <summary>The terms and held-out pool a proposer daemon posts its tasks with.</summary>
public sealed record ProposerPlan
{
    /// <summary>How many tasks the proposer posts in all (one at a time).</summary>
    public required int Tasks { get; init; }

    /// <summary>Seconds of the commit window (solvers train inside it); TaskContract.MIN_WINDOW is 2.</summary>
    public required int CommitWindowSeconds { get; init; }

    /// <summary>Seconds of the reveal window (the proposer's, then the solvers').</summary>
    public required int RevealWindowSeconds { get; init; }

    /// <summary>Seconds of the verify window (and of the vote-reveal window after it).</summary>
    public required int VerifyWindowSeconds { get; init; }

    /// <summary>Seconds after a task is finalized that the proposer waits for its model before posting the next task anyway.</summary>
    public int PublishGraceSeconds { get; init; } = 60;

    /// <summary>Each task's reward (whole ATN) and solver bond (whole ATN).</summary>
    public long RewardAtn { get; init; } = 100;

    public long SolverBondAtn { get; init; } = 1;

    /// <summary>The training recipe (the n-th task trains with seed n).</summary>
    public int Steps { get; init; } = 300;

    public int Batch { get; init; } = 32;

    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>The private held-out pool: the first <see cref="Pool"/> test images (or held-out text windows).</summary>
    public int Pool { get; init; } = 1000;

    /// <summary>Samples in each task's validation set, a fresh draw from the pool per task.</summary>
    public int Samples { get; init; } = 64;

    /// <summary>The proposer's secret: which samples each task's set holds (nobody else can predict the next set).</summary>
    public ulong Secret { get; init; }

    /// <summary>The plan in config.yaml's proposer.* keys; null when proposer.tasks is 0. A secret of 0 is derived from <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The keys break a rule across them (the message names the keys and values).</exception>
    public static ProposerPlan? From(AutonetConfig config, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(key);
        var tasks = Whole(config, ProposerKeys.Tasks);
        if (tasks == 0)
        {
            return null;
        }
        var secret = (ulong)(long)config[ProposerKeys.Secret];
        var plan = new ProposerPlan
        {
            Tasks = tasks,
            CommitWindowSeconds = Whole(config, ProposerKeys.CommitWindow),
            RevealWindowSeconds = Whole(config, ProposerKeys.RevealWindow),
            VerifyWindowSeconds = Whole(config, ProposerKeys.VerifyWindow),
            PublishGraceSeconds = Whole(config, ProposerKeys.PublishGrace),
            RewardAtn = (long)config[ProposerKeys.Reward],
            SolverBondAtn = (long)config[ProposerKeys.SolverBond],
            Steps = Whole(config, ProposerKeys.Steps),
            Batch = Whole(config, ProposerKeys.Batch),
            LearningRate = (float)(double)config[ProposerKeys.LearningRate],
            Pool = Whole(config, ProposerKeys.Pool),
            Samples = Whole(config, ProposerKeys.Samples),
            Secret = secret != 0 ? secret : SecretOf(key),
        };
        plan.Validate();
        return plan;
    }

    /// <summary>Checks the plan at startup (each key's own range is checked when config.yaml is read), naming the keys, their values and the rule.</summary>
    /// <exception cref="ArgumentException">A member is out of range.</exception>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException($"config.yaml: {message}");
            }
        }
        Require(Tasks >= 1, $"{ProposerKeys.Tasks.Name} = {Tasks}: must be at least 1 for a schedule");
        foreach (var (key, seconds) in new[] { (ProposerKeys.CommitWindow, CommitWindowSeconds), (ProposerKeys.RevealWindow, RevealWindowSeconds), (ProposerKeys.VerifyWindow, VerifyWindowSeconds) })
        {
            Require(seconds >= 2, $"{key.Name} = {seconds}: must be at least 2 (TaskContract.MIN_WINDOW)");
        }
        Require(Samples >= 1 && Samples <= Pool, $"{ProposerKeys.Samples.Name} = {Samples}: must be between 1 and {ProposerKeys.Pool.Name} = {Pool}");
        Require(Steps >= 1 && Batch >= 1, $"{ProposerKeys.Steps.Name} = {Steps} and {ProposerKeys.Batch.Name} = {Batch}: must be at least 1");
    }

    // keccak256("autonet-proposer-pool" | private key): private to the key's holder, the same after every restart.
    private static ulong SecretOf(SigningKey key)
    {
        var secret = Convert.FromHexString(key.ExportHex().Replace("0x", "", StringComparison.Ordinal));
        try
        {
            var hash = Core.Hashing.Keccak256.Hash("autonet-proposer-pool"u8, secret);
            return BitConverter.ToUInt64(hash.ToArray(), 0) | 1; // never 0, the "derive" value
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static int Whole(AutonetConfig config, ConfigKey key) => checked((int)(long)config[key]);
}
