using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Autonet.Cli.Output;
using Autonet.Cli.Plots;
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Tensors.Blas;
using Autonet.Training.Evaluation;
using Autonet.Training.Jepa;
using Spectre.Console;

namespace Autonet.Cli.Commands;

/// <summary>`autonet train`: trains a JEPA with a progress bar; writes checkpoint.safetensors, model.safetensors, log.jsonl and training.png to --out.</summary>
internal static class TrainCommand
{
    private static readonly Option<int> Steps = new Option<int>("--steps") { Description = "Training steps (the learning-rate schedule ends there)", DefaultValueFactory = _ => 1000 }.AtLeast(1);
    private static readonly Option<int> Batch = new Option<int>("--batch-size") { Description = "Samples per step", DefaultValueFactory = _ => 64 }.AtLeast(1);
    private static readonly Option<float> Lr = new Option<float>("--lr") { Description = "Peak learning rate (warmup 5%, cosine after)", DefaultValueFactory = _ => 1e-3f }.Inside(0, 1);
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of init, batches and masks", DefaultValueFactory = _ => 1 };
    private static readonly Option<int> Metrics = new Option<int>("--metrics-every") { Description = "Log collapse metrics every N steps (0 = never)", DefaultValueFactory = _ => 50 }.AtLeast(0);

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its checkpoint.safetensors (options left out are taken from it)" };
        var every = new Option<int>("--checkpoint-every") { Description = "Save a resumable checkpoint every N steps (0 = only at the end)", DefaultValueFactory = _ => 100 }.AtLeast(0);
        var limit = new Option<int?>("--limit") { Description = "Use only the first N training images / windows" }.AtLeast(1);
        var imageDir = new Option<string?>("--image-dir") { Description = "Fashion-MNIST IDX folder [default: Debian's]" }.ExistingFolder();
        var textDir = new Option<string?>("--text-dir") { Description = "A public corpus of conversation *.jsonl for --modality text (it holds autonet-corpus.json; any other folder needs data.train_on_agent_data) [default: your agent data, with consent]" }.ExistingFolder();
        var pairs = new Option<string?>("--pairs") { Description = "A pair folder for --modality multimodal: pairs.jsonl ({id, image, text, captured_at, split} a line) and its PNG screenshots" }.ExistingFolder();
        var threads = new Option<int>("--threads") { Description = "Threads (1 = bit-reproducible)", DefaultValueFactory = _ => Environment.ProcessorCount }.AtLeast(1);
        var command = new Command("train", "Train an I-JEPA (images), text JEPA or VL-JEPA (image-text pairs) from scratch, or resume it; plots loss, feature spread and rank to training.png");
        foreach (var o in ModelOptions.All.Concat<Option>([Steps, output, resume, Batch, Lr, Seed, every, Metrics, limit, imageDir, textDir, pairs, threads]))
        {
            command.Options.Add(o);
        }
        command.SetAction((result, cancellationToken) =>
        {
            var print = Printer.For(result);
            Parallelism.Degree = result.GetValue(threads);
            Gemm.NativeThreads = result.GetValue(threads);
            var dir = result.GetValue(output)!.FullName; // required option
            var checkpoint = Path.Combine(dir, "checkpoint.safetensors");
            var (config, options) = result.GetValue(resume) ? Resumed(result, checkpoint) : Fresh(result, checkpoint);
            var (train, validation, description) = config.Modality == Modality.Multimodal
                ? Pairs(config, result.GetValue(pairs), result.GetValue(limit))
                : DataSources.Create(config, result.GetValue(imageDir), config.Modality == Modality.Text ? TextSource.Resolve(result, result.GetValue(textDir)) : null, result.GetValue(limit), Console.Error); // its warnings are diagnostics, not output
            var trainer = new JepaTrainer(new JepaModel(config, options.Seed), train, options);
            if (result.GetValue(resume))
            {
                JepaCheckpoint.Resume(checkpoint, trainer);
                if (trainer.Done)
                {
                    throw new UsageException($"--resume: the run in '{dir}' is finished (step {trainer.Step} of {options.Steps}); nothing to train. Its model is model.safetensors; a longer run needs a new --out");
                }
            }
            Directory.CreateDirectory(dir);
            var parameters = trainer.Model.Encoder.Count + trainer.Model.Predictor.Count;
            print.Object(new { @event = "start", manifest = JsonDocument.Parse(ModelManifest.For(config).ToJson()).RootElement, data = description, parameters, gemm = Gemm.Describe(), fromStep = trainer.Step, steps = options.Steps });
            print.Text($"{ModelManifest.For(config).ToJson()}\n{description}; {parameters} trained parameters; {Gemm.Describe()}; from step {trainer.Step}");
            var before = Validate(print, trainer.Model, validation, "before");
            var log = Path.Combine(dir, "log.jsonl");
            TrainingRun.Run(print, trainer, log, checkpoint, result.GetValue(every), cancellationToken);
            var model = Path.Combine(dir, "model.safetensors");
            JepaCheckpoint.SaveModel(model, trainer.Model);
            var after = Validate(print, trainer.Model, validation, "after");
            var png = Path.Combine(dir, "training.png");
            TrainingPlot.Write(log, png);
            print.Line(string.Create(CultureInfo.InvariantCulture, $"held-out JEPA loss {before:F4} -> {after:F4}"));
            print.Line($"[green]done[/]: {Markup.Escape(model)}; curves in {Markup.Escape(png)}");
            print.Object(new { @event = "done", model, checkpoint, log, plot = png, heldOutLossBefore = before, heldOutLossAfter = after });
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static (BatchSource, BatchSource, string) Pairs(JepaConfig config, string? directory, int? limit)
    {
        var (train, heldOut, description) = DataSources.Pairs(config, directory ?? throw new UsageException("--modality multimodal needs --pairs DIR: a folder with pairs.jsonl and the images it names"), limit);
        return (train, heldOut, description);
    }

    // A new run: the options as given; an existing checkpoint in --out is not overwritten (log.jsonl would mix two runs).
    private static (JepaConfig, TrainingOptions) Fresh(ParseResult result, string checkpoint)
    {
        if (File.Exists(checkpoint))
        {
            throw new UsageException($"--out '{Path.GetDirectoryName(checkpoint)}' already holds a run (checkpoint.safetensors): add --resume to continue it, or choose another --out");
        }
        var options = new TrainingOptions
        {
            Steps = result.GetValue(Steps),
            BatchSize = result.GetValue(Batch),
            LearningRate = result.GetValue(Lr),
            Seed = result.GetValue(Seed),
            MetricsEvery = result.GetValue(Metrics),
        };
        return (ModelOptions.Build(result), options);
    }

    // A resumed run takes the checkpoint's config and schedule; an option given that contradicts them is refused, so
    // a resume never trains something other than what the user asked for (or, with more --steps, silently nothing).
    private static (JepaConfig, TrainingOptions) Resumed(ParseResult result, string checkpoint)
    {
        if (!File.Exists(checkpoint))
        {
            throw new UsageException($"--resume: '{checkpoint}' does not exist; start the run without --resume first");
        }
        var saved = JepaCheckpoint.ReadOptions(checkpoint);
        var config = JepaCheckpoint.LoadModel(checkpoint).Config;
        if (Given(result, Steps) is { } steps && steps > saved.Steps)
        {
            throw new UsageException($"--steps {steps}: the run in '{Path.GetDirectoryName(checkpoint)}' was started with --steps {saved.Steps} and its learning-rate schedule ends there, so it cannot be extended; train a new run (another --out) for more steps");
        }
        var contradictions = ModelOptions.Contradicting(result, config).Concat(new[]
        {
            Differs(result, Steps, saved.Steps), Differs(result, Batch, saved.BatchSize), Differs(result, Lr, saved.LearningRate),
            Differs(result, Seed, saved.Seed), Differs(result, Metrics, saved.MetricsEvery),
        }.OfType<string>()).ToList();
        if (contradictions.Count > 0)
        {
            throw new UsageException($"--resume: {string.Join("; ", contradictions)}: resume with the checkpoint's values (or leave the options out), or train a new run in another --out");
        }
        return (config, saved);
    }

    private static T? Given<T>(ParseResult result, Option<T> option)
        where T : struct => result.GetResult(option) is { Implicit: false } ? result.GetValue(option) : null;

    private static string? Differs<T>(ParseResult result, Option<T> option, T saved)
        where T : struct => Given(result, option) is { } given && !given.Equals(saved) ? FormattableString.Invariant($"{option.Name} {given} (the checkpoint has {saved})") : null;

    // Loss, cosine score and collapse metrics on up to 256 held-out samples (the validation split).
    private static double Validate(Printer print, JepaModel model, BatchSource validation, string when)
    {
        var n = Math.Min(256, validation.Count);
        var (cosine, loss) = JepaVerifier.Score(model, validation, n);
        var c = CollapseMetrics.Measure(FeatureExtractor.Extract(model, validation, [.. Enumerable.Range(0, n)]), n, model.Config.Width);
        print.Object(new { @event = "validation", when, samples = n, loss, cosine, meanStd = c.MeanStd, effectiveRank = c.EffectiveRank, dim = c.Dim, rankFraction = c.RankFraction });
        print.Line(string.Create(CultureInfo.InvariantCulture, $"held-out {when}: loss {loss:F4}, cosine {cosine:F4}, feature std {c.MeanStd:F4}, effective rank {c.EffectiveRank:F1}/{c.Dim} ({c.RankFraction:P0})"));
        return loss;
    }
}
