using System.CommandLine;
using System.Globalization;
using Autonet.Cli.Output;
using Autonet.Data.Consent;
using Autonet.Data.Feed;
using Autonet.Data.Frames;
using Autonet.Data.Screen;
using Autonet.Models.Jepa;
using Autonet.Node.Config;
using Autonet.Node.Feed;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet data watch [--train]`: the live feed (Autonet.Data.Feed) over the configured folders, and with
/// data.screen_capture the screen (a frames folder, else the live X display), into the home's feed.db; prints each
/// batch, and with --train runs the local model's steps on it (Autonet.Node.Feed.FeedTrainer) and checkpoints: a
/// VL-JEPA over pairs, text-only and visual-only samples when screen capture is on (--modality multimodal), else a
/// text JEPA.
/// </summary>
internal static class DataWatchCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Poll once, take (and train on) the batch if N new interactions are in, and exit" };
        var batch = new Option<int?>("--batch-interactions") { Description = "N: a batch once this many new interactions arrived [default: data.feed_batch_interactions]" }.Between(1, 4096);
        var train = new Option<bool>("--train") { Description = "Train the local model on each batch and save its checkpoint" };
        var modality = ChoiceOption.Optional<Modality>("--modality", "The feed model: text (conversations only) or multimodal (VL-JEPA: turns, frames and their pairs) [default: multimodal with data.screen_capture, else text]");
        var model = new Option<string?>("--model") { Description = "The feed model's resumable checkpoint [default: <home>/feed-model/checkpoint.safetensors]" };
        var tokens = new Option<int>("--max-tokens") { Description = "Window length of a new feed model", DefaultValueFactory = _ => 64 }.Between(8, 2048);
        var windows = new Option<int>("--windows-per-step") { Description = "Windows in one training step", DefaultValueFactory = _ => 8 }.Between(1, 1024);
        var command = new Command("watch", "Follow your conversations and execution records (and screen, with consent) into the home's feed.db; print each batch, and train on it with --train")
        {
            once, batch, train, modality, model, tokens, windows,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var home = GlobalOptions.ResolveHome(result).EnsureCreated();
            var config = AutonetConfig.Load(home);
            var kind = ChoiceOption.GetOptional<Modality>(result, modality) ?? (config.ScreenCapture ? Modality.Multimodal : Modality.Text);
            if (kind == Modality.Image)
            {
                throw new UsageException("--modality image: the feed trains text or multimodal models (frames alone are a multimodal model's visual-only samples)");
            }
            var text = CorpusFolder.UserData(config.TextData());
            using var buffer = FeedBuffer.Open(home.File(DataCommand.FeedFile), config.FeedLimits());
            var watcher = new FeedWatcher(text, buffer);
            using var capture = config.ScreenCapture && config.FramesDirectory.Length == 0 ? new ScreenCaptureSource(config.Frames(home.File(DataCommand.PauseFile))) : null;
            IFrameSource? frames = !config.ScreenCapture ? null : config.FramesDirectory.Length > 0 ? new FrameFolderSource(config.Frames()) : capture;
            var n = result.GetValue(batch) ?? config.FeedBatchInteractions;
            var multimodal = result.GetValue(train) && kind == Modality.Multimodal;
            var batcher = new FeedBatcher(buffer, n, text.MaxSeqLength, withFrames: multimodal);
            var loop = new FeedLoop(watcher, frames, buffer, batcher, config.FeedPollInterval);
            var trainer = result.GetValue(train)
                ? new FeedTrainer(result.GetValue(model) ?? home.File(Path.Combine(multimodal ? "feed-vl-model" : "feed-model", "checkpoint.safetensors")),
                    FeedModel(kind, result.GetValue(tokens), config.FrameSize), result.GetValue(windows))
                : null;
            var screen = frames switch
            {
                FrameFolderSource => $" and frames in {config.FramesDirectory}",
                ScreenCaptureSource live => $" and the screen {live.Display?.ToString() ?? "(no display: set data.capture_display)"} at most {config.FpsCap} a second",
                _ => "",
            };
            print.Text($"watching {text.ConversationsDirectory} and {text.AgentsDirectory}/*/execution.jsonl{screen} into {buffer.Path}; a batch once {n} new interactions are in ({batcher.Pending} waiting){(trainer is null ? "" : $"; training {trainer.Checkpoint} from step {trainer.Steps}")}");
            Task Report(FeedBatch b, CancellationToken token)
            {
                var withFrame = b.Paired;
                var trained = trainer?.Train(b, token);
                var (first, last) = b.Interactions.Count == 0 ? (0L, 0L) : (b.Interactions[0].Seq, b.Interactions[^1].Seq);
                print.Object(new { @event = "batch", interactions = b.Interactions.Count, first, last, windows = b.Text?.BatchSize ?? 0, withFrame, visualOnly = b.VisualOnly.Count, trained, stats = watcher.Stats.ToString() });
                print.Text($"batch: interactions #{first}..#{last}, {b.Text?.BatchSize ?? 0} windows, {withFrame} with a frame within ±2 s, {b.VisualOnly.Count} frames without a turn" + Trained(trained, trainer));
                return Task.CompletedTask;
            }
            if (result.GetValue(once))
            {
                if (loop.Step(cancellationToken) is { } one)
                {
                    await Report(one, cancellationToken).ConfigureAwait(false);
                }
                print.Object(new { @event = "polled", pending = batcher.Pending, stats = watcher.Stats.ToString(), frames = frames?.Stats.ToString() });
                print.Text($"polled: {batcher.Pending} new interactions waiting; {watcher.Stats}{(frames is null ? "" : "; " + frames.Stats)}");
                return ExitCodes.Success;
            }
            await loop.RunAsync(Report, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    // A new feed model: a small text JEPA, or a VL-JEPA whose image side reads frames of data.frame_size.
    private static JepaConfig FeedModel(Modality modality, int maxTokens, int frameSize)
    {
        var text = new JepaConfig { Modality = Modality.Text, MaxTokens = maxTokens, Width = 64, Depth = 2, Heads = 4, PredictorWidth = 32, PredictorDepth = 1 };
        if (modality == Modality.Text)
        {
            return text;
        }
        // The smallest patch in 4..16 that divides the frame into at most 256 patches (28 -> 4: 49 patches).
        var patch = Enumerable.Range(4, 13).FirstOrDefault(p => frameSize % p == 0 && (frameSize / p) * (frameSize / p) <= 256);
        if (patch == 0)
        {
            throw new UsageException($"data.frame_size {frameSize}: a multimodal feed model needs a frame side that a patch of 4..16 pixels divides into at most 16x16 patches (e.g. 28, 32, 64)");
        }
        return text with { Modality = Modality.Multimodal, ImageSize = frameSize, PatchSize = patch };
    }

    private static string Trained(FeedTrainingResult? trained, FeedTrainer? trainer)
    {
        if (trained is null || trained.Losses.Count == 0)
        {
            return trained is null ? "" : "; nothing to train";
        }
        var line = string.Create(CultureInfo.InvariantCulture, $"; trained {trained.Losses.Count} step(s), loss {trained.Losses[^1]:F4}, model step {trained.ModelStep}");
        if (trainer!.Model.Config.Modality == Modality.Text) // trained is set only with a trainer
        {
            return line + string.Create(CultureInfo.InvariantCulture, $", {trained.Windows} windows of {trainer.Model.Config.MaxTokens} tokens");
        }
        static string Loss(float? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
        return line + $"; samples: {trained.Paired} pairs, {trained.TextOnly} text-only, {trained.VisualOnly} visual-only; loss by modality: image {Loss(trained.ImageLoss)}, text {Loss(trained.TextLoss)}, cross-modal {Loss(trained.CrossModalLoss)}";
    }
}
