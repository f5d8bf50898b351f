using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Tensors.Blas;
using Autonet.Training.Evaluation;
using Autonet.Training.Jepa;
using Spectre.Console;

namespace Autonet.Cli.Commands;

/// <summary>`autonet train`: trains a JEPA with a progress bar; writes checkpoint.safetensors, model.safetensors and log.jsonl to --out.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var steps = new Option<int>("--steps") { Description = "Training steps", DefaultValueFactory = _ => 1000 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue from --out/checkpoint.safetensors (same steps and options)" };
        var batch = new Option<int>("--batch-size") { Description = "Samples per step", DefaultValueFactory = _ => 64 };
        var lr = new Option<float>("--lr") { Description = "Peak learning rate (warmup 5%, cosine after)", DefaultValueFactory = _ => 1e-3f };
        var seed = new Option<int>("--seed") { Description = "Seed of init, batches and masks", DefaultValueFactory = _ => 1 };
        var every = new Option<int>("--checkpoint-every") { Description = "Save a resumable checkpoint every N steps", DefaultValueFactory = _ => 100 };
        var metrics = new Option<int>("--metrics-every") { Description = "Log collapse metrics every N steps", DefaultValueFactory = _ => 50 };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N training images / windows" };
        var imageDir = new Option<string?>("--image-dir") { Description = "Fashion-MNIST IDX folder [default: Debian's]" };
        var textDir = new Option<string?>("--text-dir") { Description = "Folder of conversation *.jsonl for --modality text" };
        var threads = new Option<int>("--threads") { Description = "Threads (1 = bit-reproducible)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("train", "Train an I-JEPA (images) or text JEPA from scratch or resume it");
        foreach (var o in ModelOptions.All.Concat<Option>([steps, output, resume, batch, lr, seed, every, metrics, limit, imageDir, textDir, threads]))
        {
            command.Options.Add(o);
        }
        command.SetAction((result, cancellationToken) =>
        {
            Parallelism.Degree = result.GetValue(threads);
            Gemm.NativeThreads = result.GetValue(threads);
            var dir = result.GetValue(output)!.FullName; // required option
            var checkpoint = Path.Combine(dir, "checkpoint.safetensors");
            var config = ModelOptions.Build(result);
            var options = new TrainingOptions
            {
                Steps = result.GetValue(steps),
                BatchSize = result.GetValue(batch),
                LearningRate = result.GetValue(lr),
                Seed = result.GetValue(seed),
                MetricsEvery = result.GetValue(metrics),
            };
            if (result.GetValue(resume))
            {
                options = JepaCheckpoint.ReadOptions(checkpoint);
                config = JepaCheckpoint.LoadModel(checkpoint).Config;
            }
            var (train, validation, description) = DataSources.Create(config, result.GetValue(imageDir), result.GetValue(textDir), result.GetValue(limit), Console.Out);
            var trainer = new JepaTrainer(new JepaModel(config, options.Seed), train, options);
            if (result.GetValue(resume))
            {
                JepaCheckpoint.Resume(checkpoint, trainer);
            }
            Directory.CreateDirectory(dir);
            AnsiConsole.MarkupLine(Markup.Escape($"{ModelManifest.For(config).ToJson()}\n{description}; {trainer.Model.Encoder.Count + trainer.Model.Predictor.Count} trained parameters; {Gemm.Describe()}; from step {trainer.Step}"));
            var before = Validate(trainer.Model, validation, "held-out before");
            Run(trainer, dir, checkpoint, result.GetValue(every), cancellationToken);
            JepaCheckpoint.SaveModel(Path.Combine(dir, "model.safetensors"), trainer.Model);
            var after = Validate(trainer.Model, validation, "held-out after");
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"held-out JEPA loss {before:F4} -> {after:F4}"));
            AnsiConsole.MarkupLine($"[green]done[/]: {Markup.Escape(Path.Combine(dir, "model.safetensors"))}");
            return Task.FromResult(0);
        });
        return command;
    }

    // Loss, cosine score and collapse metrics on up to 256 held-out samples (the validation split).
    private static double Validate(JepaModel model, BatchSource validation, string label)
    {
        var n = Math.Min(256, validation.Count);
        var (cosine, loss) = JepaVerifier.Score(model, validation, n);
        var c = CollapseMetrics.Measure(FeatureExtractor.Extract(model, validation, [.. Enumerable.Range(0, n)]), n, model.Config.Width);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{label}: loss {loss:F4}, cosine {cosine:F4}, feature std {c.MeanStd:F4}, effective rank {c.EffectiveRank:F1}/{c.Dim} ({c.RankFraction:P0})"));
        return loss;
    }

    private static void Run(JepaTrainer trainer, string dir, string checkpoint, int every, CancellationToken cancellationToken)
    {
        using var log = new StreamWriter(Path.Combine(dir, "log.jsonl"), append: true);
        var clock = Stopwatch.StartNew();
        var startStep = trainer.Step;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: trainer.Options.Steps);
                task.Value = trainer.Step;
                while (!trainer.Done)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var r = trainer.TrainStep();
                    var rate = (r.Step - startStep) * trainer.Options.BatchSize / clock.Elapsed.TotalSeconds;
                    task.Value = r.Step;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"step {r.Step}/{trainer.Options.Steps} loss {r.Loss:F4} {rate:F0} samples/s");
                    log.WriteLine(JsonSerializer.Serialize(new
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
                    }));
                    if (r.Collapse is { } c)
                    {
                        log.Flush();
                        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"step {r.Step}: loss {r.Loss:F4}, feature std {c.MeanStd:F4}, effective rank {c.EffectiveRank:F1}/{c.Dim} ({c.RankFraction:P0}){(r.Loss < 1e-3 ? " [red]loss near 0: collapse?[/]" : "")}"));
                    }
                    if (every > 0 && (r.Step % every == 0 || trainer.Done))
                    {
                        JepaCheckpoint.Save(checkpoint, trainer);
                    }
                }
            });
    }
}
