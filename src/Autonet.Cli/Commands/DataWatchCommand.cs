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
/// batch, and with --train runs the local text JEPA's steps on it (Autonet.Node.Feed.FeedTrainer) and checkpoints.
/// </summary>
internal static class DataWatchCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Poll once, take (and train on) the batch if N new interactions are in, and exit" };
        var batch = new Option<int?>("--batch-interactions") { Description = "N: a batch once this many new interactions arrived [default: data.feed_batch_interactions]" }.Between(1, 4096);
        var train = new Option<bool>("--train") { Description = "Train the local text JEPA on each batch and save its checkpoint" };
        var model = new Option<string?>("--model") { Description = "The feed model's resumable checkpoint [default: <home>/feed-model/checkpoint.safetensors]" };
        var tokens = new Option<int>("--max-tokens") { Description = "Window length of a new feed model", DefaultValueFactory = _ => 64 }.Between(8, 2048);
        var windows = new Option<int>("--windows-per-step") { Description = "Windows in one training step", DefaultValueFactory = _ => 8 }.Between(1, 1024);
        var command = new Command("watch", "Follow your conversations and execution records (and screen, with consent) into the home's feed.db; print each batch, and train on it with --train")
        {
            once, batch, train, model, tokens, windows,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var home = GlobalOptions.ResolveHome(result).EnsureCreated();
            var config = AutonetConfig.Load(home);
            var text = CorpusFolder.UserData(config.TextData());
            using var buffer = FeedBuffer.Open(home.File(DataCommand.FeedFile), config.FeedLimits());
            var watcher = new FeedWatcher(text, buffer);
            using var capture = config.ScreenCapture && config.FramesDirectory.Length == 0 ? new ScreenCaptureSource(config.Frames(home.File(DataCommand.PauseFile))) : null;
            IFrameSource? frames = !config.ScreenCapture ? null : config.FramesDirectory.Length > 0 ? new FrameFolderSource(config.Frames()) : capture;
            var n = result.GetValue(batch) ?? config.FeedBatchInteractions;
            var batcher = new FeedBatcher(buffer, n, text.MaxSeqLength);
            var loop = new FeedLoop(watcher, frames, buffer, batcher, config.FeedPollInterval);
            var trainer = result.GetValue(train)
                ? new FeedTrainer(result.GetValue(model) ?? home.File(Path.Combine("feed-model", "checkpoint.safetensors")),
                    new JepaConfig { Modality = Modality.Text, MaxTokens = result.GetValue(tokens), Width = 64, Depth = 2, Heads = 4, PredictorWidth = 32, PredictorDepth = 1 },
                    result.GetValue(windows))
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
                var withFrame = b.Frames.Count(f => f is not null);
                var trained = trainer?.Train(b, token);
                print.Object(new { @event = "batch", interactions = b.Interactions.Count, first = b.Interactions[0].Seq, last = b.Interactions[^1].Seq, windows = b.Text.BatchSize, withFrame, trained, stats = watcher.Stats.ToString() });
                print.Text($"batch: interactions #{b.Interactions[0].Seq}..#{b.Interactions[^1].Seq}, {b.Text.BatchSize} windows, {withFrame} with a frame within ±2 s"
                    + (trained is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; trained {trained.Losses.Count} step(s) on {trained.Windows} windows of {trainer!.Model.Config.MaxTokens} tokens, loss {trained.Losses[^1]:F4}, model step {trained.ModelStep}")));
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
}
