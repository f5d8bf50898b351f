// The training loop as `autonet train` shows it: a Spectre progress bar on a terminal; off a terminal a plain line
// every 5% of the run (no cursor codes); with --json one {"event":"step"} line per step. Every step is appended to
// log.jsonl (snake_case names, read back by TrainingPlot; a multimodal run adds image_loss, text_loss, cross_modal_loss, contrast) and a checkpoint is saved every --checkpoint-every steps.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Autonet.Cli.Output;
using Autonet.Training.Jepa;
using Spectre.Console;

namespace Autonet.Cli.Commands;

/// <summary>Runs a trainer to its last step, logging and checkpointing.</summary>
internal static class TrainingRun
{

    public static void Run(Printer print, JepaTrainer trainer, string logPath, string checkpoint, int every, CancellationToken cancellationToken)
    {
        using var log = new StreamWriter(logPath, append: true);
        var clock = Stopwatch.StartNew();
        var startStep = trainer.Step;
        var steps = trainer.Options.Steps;
        var plainEvery = Math.Max(1, steps / 20);
        void Loop(Action<StepResult, double> shown)
        {
            while (!trainer.Done)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var r = trainer.TrainStep();
                var rate = (r.Step - startStep) * trainer.Options.BatchSize / clock.Elapsed.TotalSeconds;
                var line = JsonSerializer.SerializeToNode(new
                {
                    step = r.Step,
                    loss = r.Loss,
                    lr = r.LearningRate,
                    momentum = r.Momentum,
                    grad_norm = r.GradNorm,
                    samples_per_s = rate,
                    seconds = clock.Elapsed.TotalSeconds,
                    mean_std = r.Collapse?.MeanStd,
                    effective_rank = r.Collapse?.EffectiveRank,
                    rank_fraction = r.Collapse?.RankFraction,
                })!.AsObject(); // an object serializes to a JSON object
                if (r.Parts is { } parts)
                {
                    // a one-modality run's lines stay as they were; a multimodal run's add its losses by modality
                    (line["image_loss"], line["text_loss"], line["cross_modal_loss"], line["contrast"]) = (parts.Image, parts.Text, parts.CrossModal, parts.Contrast);
                    if (parts.Uniformity is { } uniformity)
                    {
                        line["uniformity"] = uniformity;
                    }
                    if (parts.Temperature is { } temperature)
                    {
                        line["temperature"] = temperature;
                    }
                }
                log.WriteLine(line.ToJsonString());
                print.Object(new
                {
                    @event = "step",
                    step = r.Step,
                    steps,
                    loss = r.Loss,
                    lr = r.LearningRate,
                    momentum = r.Momentum,
                    gradNorm = r.GradNorm,
                    samplesPerS = rate,
                    seconds = clock.Elapsed.TotalSeconds,
                    meanStd = r.Collapse?.MeanStd,
                    effectiveRank = r.Collapse?.EffectiveRank,
                    rankFraction = r.Collapse?.RankFraction,
                    imageLoss = r.Parts?.Image,
                    textLoss = r.Parts?.Text,
                    crossModalLoss = r.Parts?.CrossModal,
                    contrast = r.Parts?.Contrast,
                    uniformity = r.Parts?.Uniformity,
                    temperature = r.Parts?.Temperature,
                });
                shown(r, rate);
                if (r.Collapse is { } c)
                {
                    log.Flush();
                    print.Line(string.Create(CultureInfo.InvariantCulture, $"step {r.Step}: loss {r.Loss:F4}, feature std {c.MeanStd:F4}, effective rank {c.EffectiveRank:F1}/{c.Dim} ({c.RankFraction:P0}){(r.Loss - (r.Parts?.Uniformity ?? 0) < 1e-3 ? " [red]loss near 0: collapse?[/]" : "")}"));
                }
                if ((every > 0 && r.Step % every == 0) || trainer.Done)
                {
                    JepaCheckpoint.Save(checkpoint, trainer);
                }
            }
        }

        if (!print.Rich)
        {
            Loop((r, rate) =>
            {
                if (!print.Json && (r.Step % plainEvery == 0 || trainer.Done))
                {
                    print.Line(string.Create(CultureInfo.InvariantCulture, $"step {r.Step}/{steps} loss {r.Loss:F4} {rate:F0} samples/s"));
                }
            });
            return;
        }
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: steps);
                task.Value = trainer.Step;
                Loop((r, rate) =>
                {
                    task.Value = r.Step;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"step {r.Step}/{steps} loss {r.Loss:F4} {rate:F0} samples/s");
                });
            });
    }
}
