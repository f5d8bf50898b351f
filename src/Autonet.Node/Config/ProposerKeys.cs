// The proposer.* keys of config.yaml: a proposer daemon's own schedule (how many tasks it posts, on what terms, from
// which held-out pool). In a table of their own beside ConfigKeys so that file stays readable; ConfigKeys.All lists
// them. proposer.tasks 0 (the default) means no schedule: the proposer only reveals what it proposed.
namespace Autonet.Node.Config;

/// <summary>The proposer.* keys of config.yaml.</summary>
public static class ProposerKeys
{
    public static readonly ConfigKey Tasks = new("proposer.tasks", ConfigKind.WholeNumber, 0L, "How many tasks a proposer daemon posts on its own schedule, one after another (0: none; it only reveals what it proposed)")
    {
        Rule = v => (long)v is >= 0 and <= 100_000 ? null : "must be in 0..100000",
    };

    public static readonly ConfigKey CommitWindow = new("proposer.commit_window_seconds", ConfigKind.WholeNumber, 20L, "Seconds of each task's commit window (solvers train inside it)")
    {
        Rule = Window,
    };

    public static readonly ConfigKey RevealWindow = new("proposer.reveal_window_seconds", ConfigKind.WholeNumber, 4L, "Seconds of each task's reveal window (the proposer's, then the solvers')")
    {
        Rule = Window,
    };

    public static readonly ConfigKey VerifyWindow = new("proposer.verify_window_seconds", ConfigKind.WholeNumber, 4L, "Seconds of each task's verify window (and of the vote-reveal window after it)")
    {
        Rule = Window,
    };

    public static readonly ConfigKey PublishGrace = new("proposer.publish_grace_seconds", ConfigKind.WholeNumber, 60L, "Seconds after a task is finalized that the proposer waits for its model before posting the next task anyway")
    {
        Rule = v => (long)v is >= 0 and <= 86_400 ? null : "must be in 0..86400",
    };

    public static readonly ConfigKey Reward = new("proposer.reward_atn", ConfigKind.WholeNumber, 100L, "Each task's reward, in whole ATN")
    {
        Rule = v => (long)v >= 1 ? null : "must be at least 1",
    };

    public static readonly ConfigKey SolverBond = new("proposer.solver_bond_atn", ConfigKind.WholeNumber, 1L, "The bond each solver puts up with its commit, in whole ATN")
    {
        Rule = v => (long)v >= 0 ? null : "must be 0 or more",
    };

    public static readonly ConfigKey Steps = new("proposer.steps", ConfigKind.WholeNumber, 300L, "Local training steps in each task's spec")
    {
        Rule = v => (long)v is >= 1 and <= 100_000 ? null : "must be in 1..100000 (the training spec's range)",
    };

    public static readonly ConfigKey Batch = new("proposer.batch", ConfigKind.WholeNumber, 32L, "Batch size in each task's spec")
    {
        Rule = v => (long)v is >= 1 and <= 4096 ? null : "must be in 1..4096 (the training spec's range)",
    };

    public static readonly ConfigKey LearningRate = new("proposer.learning_rate", ConfigKind.Number, 1e-3, "Learning rate in each task's spec")
    {
        Rule = v => (double)v is > 0 and < 1 ? null : "must be in (0, 1) (the training spec's range)",
    };

    public static readonly ConfigKey Pool = new("proposer.pool", ConfigKind.WholeNumber, 1000L, "The private held-out pool: the first this many Fashion-MNIST test images (or held-out text windows)")
    {
        Rule = v => (long)v is >= 1 and <= 10_000 ? null : "must be in 1..10000 (Fashion-MNIST has 10000 test images)",
    };

    public static readonly ConfigKey Samples = new("proposer.samples", ConfigKind.WholeNumber, 64L, "Samples in each task's validation set, a fresh draw from the pool per task (at most proposer.pool)")
    {
        Rule = v => (long)v is >= 1 and <= 10_000 ? null : "must be in 1..10000",
    };

    public static readonly ConfigKey Secret = new("proposer.secret", ConfigKind.WholeNumber, 0L, "The proposer's secret: which pool samples each task's set holds (0: derived from the node's private key, so nobody else can predict the next set)")
    {
        Rule = v => (long)v >= 0 ? null : "must be 0 or more",
    };

    /// <summary>The proposer keys, in the order `config list` shows them.</summary>
    public static readonly IReadOnlyList<ConfigKey> All = [Tasks, CommitWindow, RevealWindow, VerifyWindow, PublishGrace, Reward, SolverBond, Steps, Batch, LearningRate, Pool, Samples, Secret];

    // TaskContract.MIN_WINDOW is 2 s; an hour bounds a typo.
    private static string? Window(object value) => (long)value is >= 2 and <= 86_400 ? null : "must be in 2..86400 seconds (TaskContract.MIN_WINDOW is 2)";
}
