using System.CommandLine;
using System.Globalization;
using Autonet.Cli.Output;
using Autonet.Data.Consent;
using Autonet.Data.Feed;
using Autonet.Data.Frames;
using Autonet.Data.Privacy;
using Autonet.Data.Text;
using Autonet.Node.Config;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet data status`: what of the user's data is used, from where, and what was excluded, scrubbed or skipped (by
/// reason), and what the live feed's ring buffer holds. `autonet data watch`: the live feed (Autonet.Data.Feed) over
/// the configured folders into the home's feed.db, printing each batch the trainer would take.
/// </summary>
internal static class DataCommand
{
    public const string FeedFile = "feed.db";

    /// <summary>While this file is in the home, live screen capture takes no frame.</summary>
    public const string PauseFile = "capture.paused";

    public static Command Create() => new("data", "Your data: what is used and skipped (status), the live feed (watch), capture pause and resume, the paired image-text set (pairs)")
    {
        Status(), DataWatchCommand.Create(), Pause(), Resume(), DataPairsCommand.Create(),
    };

    private static Command Pause()
    {
        var command = new Command("pause", "Pause live screen capture (no frame is grabbed until `autonet data resume`)");
        command.SetAction(result =>
        {
            var home = GlobalOptions.ResolveHome(result).EnsureCreated();
            File.WriteAllText(home.File(PauseFile), "screen capture paused by `autonet data pause`; `autonet data resume` removes this file\n");
            Printer.For(result).Text($"screen capture paused ({home.File(PauseFile)})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Resume()
    {
        var command = new Command("resume", "Resume live screen capture after `autonet data pause`");
        command.SetAction(result =>
        {
            var home = GlobalOptions.ResolveHome(result);
            File.Delete(home.File(PauseFile));
            Printer.For(result).Text("screen capture resumed");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Status()
    {
        var command = new Command("status", "What of your agent data and screen frames is used, from where, and what was excluded, scrubbed or skipped, by reason");
        command.SetAction((result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var home = GlobalOptions.ResolveHome(result);
            var config = AutonetConfig.Load(home);
            var text = config.TextData();
            var rows = new List<IReadOnlyList<string>>
            {
                Row("consent", "data.train_on_agent_data", config.TrainOnAgentData ? "true" : $"false: nothing read (opt in: `{CorpusFolder.OptIn}`)"),
                Row("consent", "data.screen_capture", config.ScreenCapture ? "true" : "false: no frame read (opt in: `autonet config set data.screen_capture true`)"),
                Row("from", "conversations", $"{text.ConversationsDirectory}/**/*.jsonl{Exists(text.ConversationsDirectory)}"),
                Row("from", "execution records", $"{text.AgentsDirectory}/*/execution.jsonl{Exists(text.AgentsDirectory)}"),
                Row("from", "frames", config.FramesDirectory.Length == 0 ? LiveScreen(config, home.File(PauseFile)) : config.FramesDirectory + Exists(config.FramesDirectory)),
                Row("exclusions", "patterns", config.ExclusionPatterns.Count == 0 ? "(none)" : string.Join(", ", config.ExclusionPatterns)),
            };
            TextDataStats? stats = null;
            if (config.TrainOnAgentData)
            {
                var source = new TextTrainingDataSource(text);
                foreach (var _ in source.ReadRecords(cancellationToken))
                {
                }
                stats = source.Stats;
                rows.AddRange(TextRows(stats));
            }
            FrameStats? frames = null;
            if (config.ScreenCapture)
            {
                var frameSource = new FrameFolderSource(config.Frames());
                frameSource.Poll(null, cancellationToken); // counts only; nothing is stored
                frames = frameSource.Stats;
                rows.AddRange(FrameRows(frames));
            }
            FeedBufferStats? feed = null;
            if (File.Exists(home.File(FeedFile)))
            {
                using var buffer = FeedBuffer.Open(home.File(FeedFile), config.FeedLimits());
                feed = buffer.Stats();
                rows.Add(Row("feed", home.File(FeedFile), string.Create(CultureInfo.InvariantCulture,
                    $"{feed.Interactions} interactions, {feed.Frames} frames, {feed.Bytes} bytes, {feed.Oldest:u} .. {feed.Newest:u}; trainer took up to #{feed.Taken}; aged out {feed.AgedOutByTime} by time, {feed.AgedOutBySize} by size")));
            }
            print.Object(new
            {
                consent = config.TrainOnAgentData,
                screenCapture = config.ScreenCapture,
                conversations = text.ConversationsDirectory,
                agents = text.AgentsDirectory,
                framesDirectory = config.FramesDirectory,
                exclusions = config.ExclusionPatterns,
                text = stats is null ? null : new
                {
                    stats.FilesRead,
                    stats.FilesExcluded,
                    stats.FilesUnreadable,
                    stats.LinesRead,
                    stats.RecordsUsed,
                    stats.RecordsExcluded,
                    skipped = new { empty = stats.SkippedEmpty, invalidUtf8 = stats.SkippedInvalidUtf8, corruptJson = stats.SkippedCorruptJson, missingFields = stats.SkippedMissingFields, tooLong = stats.SkippedTooLong },
                    scrubbed = Enum.GetValues<SecretKind>().ToDictionary(k => k.ToString(), k => stats.Scrubbed[k]),
                    reasons = stats.Reasons,
                },
                frames = frames is null ? null : new
                {
                    used = frames.FramesUsed,
                    excluded = frames.FilesExcluded,
                    notImage = frames.SkippedNotImage,
                    truncated = frames.SkippedTruncated,
                    other = frames.SkippedOther,
                    overFpsCap = frames.SkippedOverFpsCap,
                    reasons = frames.Reasons,
                },
                feed,
            });
            print.Table(["what", "item", "value"], rows);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static IEnumerable<IReadOnlyList<string>> TextRows(TextDataStats s) =>
    [
        Row("text", "files read", N(s.FilesRead)),
        Row("text", "files excluded (glob)", N(s.FilesExcluded)),
        Row("text", "files unreadable", N(s.FilesUnreadable)),
        Row("text", "records used", $"{N(s.RecordsUsed)} of {N(s.LinesRead)} lines"),
        Row("text", "records excluded (regex)", N(s.RecordsExcluded)),
        Row("skipped", "corrupt JSON", N(s.SkippedCorruptJson)),
        Row("skipped", "not UTF-8", N(s.SkippedInvalidUtf8)),
        Row("skipped", "missing role/content", N(s.SkippedMissingFields)),
        Row("skipped", "empty", N(s.SkippedEmpty)),
        Row("skipped", "over max_line_bytes", N(s.SkippedTooLong)),
        Row("scrubbed", "secrets", s.Scrubbed.Total == 0 ? "0" : $"{s.Scrubbed.Total} ({s.Scrubbed})"),
        .. s.Reasons.Select(r => Row("reason", "line", r)),
    ];

    private static IEnumerable<IReadOnlyList<string>> FrameRows(FrameStats f) =>
        new[]
        {
            Row("frames", "used", N(f.FramesUsed)),
            Row("frames", "files excluded (glob)", N(f.FilesExcluded)),
            Row("skipped", "not an image", N(f.SkippedNotImage)),
            Row("skipped", "truncated or corrupt", N(f.SkippedTruncated)),
            Row("skipped", "other format or too large", N(f.SkippedOther)),
            Row("skipped", "over fps_cap", N(f.SkippedOverFpsCap)),
        }.Concat(f.Reasons.Select(r => Row("reason", "frame", r)));

    private static string LiveScreen(AutonetConfig config, string pauseFile)
    {
        var display = config.CaptureDisplay.Length > 0 ? config.CaptureDisplay : Environment.GetEnvironmentVariable("DISPLAY") ?? "";
        var where = display.Length == 0 ? "no display (set data.capture_display, e.g. :0)" : $"the live X display {display}";
        return where + (File.Exists(pauseFile) ? "; paused (`autonet data resume`)" : "");
    }

    private static IReadOnlyList<string> Row(string what, string item, string value) => [what, item, value];

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Exists(string folder) =>
        folder.Length > 0 && Directory.Exists(TextDataConfig.ExpandHome(folder)) ? "" : " (no such folder)";
}
