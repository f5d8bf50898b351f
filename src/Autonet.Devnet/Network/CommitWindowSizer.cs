// A daemon run's commit window, sized from how fast this machine trains now: before the chain starts, the launcher
// times a few steps of the task's training (the genesis model on the first solver's share): two warm-up steps (the
// JIT, which each daemon's first task pays once) and then ten timed ones, extrapolates those to the task's steps, adds
// the warm-up once, and allows Margin times that plus a start-up allowance, never less than --commit-window. Timing
// the JIT as part of the pace (2026-12-02, a quiet machine) made a 99 s window and a 430 s three-round daemon run. On a quiet machine 300 steps take about 2 s and the window stays 20 s;
// at load average 50-90 here they took about a minute in a daemon, past the 20 s window, and no solver committed.
using System.Diagnostics;
using Autonet.Models.Jepa;
using Autonet.Node.Roles;
using Autonet.Training.Rounds;

namespace Autonet.Devnet.Network;

/// <summary>Sizes a daemon run's commit window from a measured training speed.</summary>
internal static class CommitWindowSizer
{
    /// <summary>Steps timed after <see cref="WarmupSteps"/>.</summary>
    public const int ProbeSteps = 10;

    /// <summary>Steps run first and counted once, not as the pace: they include the JIT.</summary>
    public const int WarmupSteps = 2;

    /// <summary>Solvers train at once beside the other daemons on the same cores: a window of three times the probe's pace.</summary>
    public const double Margin = 3;

    /// <summary>Seconds for the rest of a commit: fetching the base, saving, sending the transaction, a block.</summary>
    public const int Allowance = 10;

    /// <summary>The commit window in seconds (at least <see cref="NetworkOptions.CommitWindowSeconds"/>) and the measured seconds per step.</summary>
    public static (int Seconds, double SecondsPerStep) Size(NetworkOptions options, RunData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        var solver = new NodeConfig { Name = "probe", Role = NodeRole.Solver, Modality = options.Modality, LocalIndices = data.Split.Length > 0 ? data.Split[0] : null };
        var source = NodeRoles.LocalData(solver, data.Images, data.Corpus, data.TrainPairs)!(options.EffectiveModel); // a solver: never null
        var model = new JepaModel(options.EffectiveModel, options.ModelSeed);
        var spec = new TrainingSpec { Steps = WarmupSteps, Batch = options.Batch, LearningRate = options.LearningRate };
        var clock = Stopwatch.StartNew();
        LocalTraining.TrainDelta(model, source, spec, 1, cancellationToken);
        var warmup = clock.Elapsed.TotalSeconds;
        var steps = Math.Min(ProbeSteps, options.TrainSteps);
        clock.Restart();
        LocalTraining.TrainDelta(model, source, spec with { Steps = steps }, 1, cancellationToken);
        var perStep = clock.Elapsed.TotalSeconds / steps;
        var needed = (int)Math.Ceiling(Margin * (warmup + (perStep * options.TrainSteps))) + Allowance;
        return (Math.Max(options.CommitWindowSeconds, needed), perStep);
    }
}
