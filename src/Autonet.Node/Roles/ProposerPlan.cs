// A proposer daemon's schedule (node.json's "proposing"): how many tasks it posts by itself, on what terms (windows
// in seconds, reward, solver bond, training recipe) and from which private held-out pool it draws each task's
// validation sample. Without it a proposer node only reveals what it proposed; with it, `node run` posts the next
// task once the previous one is through (ProposerSchedule).
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

    /// <summary>Checks the plan at startup, naming the member, its value and the rule.</summary>
    /// <exception cref="ArgumentException">A member is out of range.</exception>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException($"node.json proposing: {message}");
            }
        }
        Require(Tasks >= 1, $"tasks {Tasks} must be at least 1");
        foreach (var (name, seconds) in new[] { ("commitWindowSeconds", CommitWindowSeconds), ("revealWindowSeconds", RevealWindowSeconds), ("verifyWindowSeconds", VerifyWindowSeconds) })
        {
            Require(seconds >= 2, $"{name} {seconds} must be at least 2 (TaskContract.MIN_WINDOW)");
        }
        Require(Samples >= 1 && Samples <= Pool, $"samples {Samples} must be between 1 and pool {Pool}");
        Require(Steps >= 1 && Batch >= 1, $"steps {Steps} and batch {Batch} must be at least 1");
    }
}
