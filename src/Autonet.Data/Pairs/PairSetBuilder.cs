// The paired real data set (issue 18): Debian's package descriptions (DebianTexts), each shown by a real program on
// a real X screen (TerminalScreen: xterm on Xvfb), grabbed by our X11 client, stamped with the capture time, and
// written as a conversation turn {role, content, timestamp} at that same time. Frames go into a FeedBuffer, the
// turns through the FeedWatcher (the live feed's own reader), and each turn is joined to its frame by FrameAligner
// (nearest frame within ±2 s), so the pairs are what the live feed's alignment makes. Output, read by the VL-JEPA
// retrieval eval: OUT/pairs.jsonl ({id, image, text, captured_at, split} a line), OUT/images/<id>.png (grey, size²),
// OUT/conversations/turns.jsonl (a public corpus: autonet-corpus.json) and OUT/manifest.json.
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Autonet.Data.Consent;
using Autonet.Data.Feed;
using Autonet.Data.Frames;
using Autonet.Data.Privacy;
using Autonet.Data.Text;

namespace Autonet.Data.Pairs;

/// <summary>Builds the paired image-text set.</summary>
public static class PairSetBuilder
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <exception cref="ArgumentException">an option is out of range, or the output folder is not empty</exception>
    /// <exception cref="InvalidOperationException">fewer distinct texts than --count exist on this machine</exception>
    public static PairSetReport Build(PairSetOptions options, Action<string>? progress = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        time ??= TimeProvider.System;
        var total = Stopwatch.StartNew();
        var output = Path.GetFullPath(options.OutDirectory);
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            Errors.Option("--out", options.OutDirectory, "must be an empty or new folder (a build never mixes with an old one)");
        }
        var texts = DebianTexts.Read(options.Count, options.MaxTextBytes);
        if (texts.Count < options.Count)
        {
            throw new InvalidOperationException($"only {texts.Count} distinct package descriptions in {DebianTexts.StatusFile} and {DebianTexts.ListsDirectory}; lower --count or run apt-get update");
        }
        var conversations = Path.Combine(output, "conversations");
        Directory.CreateDirectory(Path.Combine(output, "images"));
        CorpusFolder.Mark(conversations, "Debian package descriptions (dpkg status and apt lists), shown in xterm on Xvfb by `autonet data pairs`");
        var work = Directory.CreateTempSubdirectory("autonet-pairs-").FullName;
        try
        {
            using var buffer = FeedBuffer.Open(Path.Combine(work, "feed.db"), new FeedLimits { MaxBytes = 1L << 40, MaxAge = TimeSpan.FromDays(3650) }, time);
            var capture = Stopwatch.StartNew();
            var (display, window) = Capture(options, texts, buffer, Path.Combine(conversations, "turns.jsonl"), progress, time, cancellationToken);
            capture.Stop();
            var watcher = new FeedWatcher(new TextDataConfig { TrainOnAgentData = true, ConversationsDirectory = conversations, AgentsDirectory = "" }, buffer);
            while (watcher.Poll(cancellationToken) > 0)
            {
            }
            var (pairs, heldout, unaligned) = WritePairs(options, buffer, output);
            var report = new PairSetReport(pairs, pairs - heldout, heldout, unaligned, display, window, capture.Elapsed, total.Elapsed);
            WriteManifest(output, options, report, watcher.Stats);
            return report;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // Shows each text, grabs until the redraw is done (two equal grabs that differ from the last text's), appends the
    // frame at the grab's time and the turn with that same time.
    private static (string Display, (int, int) Window) Capture(PairSetOptions options, IReadOnlyList<(string Package, string Text)> texts, FeedBuffer buffer, string turnsPath,
        Action<string>? progress, TimeProvider time, CancellationToken cancellationToken)
    {
        using var screen = TerminalScreen.Start(options.Columns, options.Rows, options.FontSize);
        using var turns = new StreamWriter(turnsPath);
        var source = $"x11{screen.Connection.Display}";
        var shown = screen.Grab().Data;
        var lastStamp = DateTimeOffset.MinValue;
        for (var i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Scrubbed before it is shown, so the feed's own scrubbing finds nothing and the turn is the text on screen.
            var lines = TextWrap.Lines(PrivacyScrubber.Scrub(texts[i].Text), options.Columns).Take(options.Rows - 1).ToList();
            while (lines.Count > 1 && System.Text.Encoding.UTF8.GetByteCount(string.Join(' ', lines)) > options.MaxTextBytes)
            {
                lines.RemoveAt(lines.Count - 1); // a word split at the margin gained a space: keep the text within --max-bytes
            }
            var text = string.Join(' ', lines);
            screen.Show(lines);
            var (image, stamp) = StableGrab(screen, shown, lastStamp, time, texts[i].Package);
            shown = image.Data;
            lastStamp = stamp;
            buffer.AppendFrame(source, stamp, options.ImageSize, FrameDecoder.FromBgra(image.ToBgra(), image.Width, image.Height, options.ImageSize));
            turns.Write(JsonSerializer.Serialize(new Dictionary<string, string> { ["role"] = "user", ["content"] = text, ["timestamp"] = Iso(stamp) }) + "\n");
            if ((i + 1) % 250 == 0)
            {
                progress?.Invoke($"shown and captured {i + 1} of {texts.Count}");
            }
        }
        return (screen.Connection.Display.ToString(), (screen.Area.Width, screen.Area.Height));
    }

    private static (Screen.X11Image Image, DateTimeOffset Stamp) StableGrab(TerminalScreen screen, byte[] previousText, DateTimeOffset lastStamp, TimeProvider time, string package)
    {
        byte[]? last = null;
        for (var attempt = 0; attempt < 2000; attempt++)
        {
            var image = screen.Grab();
            if (last is not null && image.Data.AsSpan().SequenceEqual(last) && !image.Data.AsSpan().SequenceEqual(previousText))
            {
                var stamp = time.GetUtcNow();
                while (stamp.ToUnixTimeMilliseconds() <= lastStamp.ToUnixTimeMilliseconds())
                {
                    Thread.Sleep(1); // one frame a millisecond at most, so no two frames share a timestamp
                    stamp = time.GetUtcNow();
                }
                return (image, stamp);
            }
            last = image.Data;
            Thread.Sleep(5);
        }
        throw new IOException($"the terminal did not settle on the text of package {package} after 2000 grabs");
    }

    // Every interaction the watcher read, joined to the frame FrameAligner finds for its timestamp.
    private static (int Pairs, int Heldout, int Unaligned) WritePairs(PairSetOptions options, FeedBuffer buffer, string output)
    {
        var interactions = buffer.After(0, int.MaxValue);
        var heldout = new HashSet<int>(Shuffled(interactions.Count, options.Seed).Take(options.Heldout));
        using var file = File.Create(Path.Combine(output, "pairs.jsonl"));
        var (pairs, held, unaligned) = (0, 0, 0);
        for (var i = 0; i < interactions.Count; i++)
        {
            var turn = interactions[i];
            var at = DateTimeOffset.Parse(turn.Timestamp!, CultureInfo.InvariantCulture); // the builder wrote every timestamp
            if (FrameAligner.Nearest(buffer, at) is not { } frame)
            {
                unaligned++;
                continue;
            }
            var id = pairs.ToString("D6", CultureInfo.InvariantCulture);
            var image = $"images/{id}.png";
            File.WriteAllBytes(Path.Combine(output, image), PairImage.EncodePng(FrameDecoder.ToGrey(frame.Pixels), frame.Size));
            var split = heldout.Contains(i) ? "heldout" : "train";
            held += split == "heldout" ? 1 : 0;
            using (var json = new Utf8JsonWriter(file, Relaxed))
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("image", image);
                json.WriteString("text", turn.Content);
                json.WriteString("captured_at", Iso(frame.Captured));
                json.WriteString("split", split);
                json.WriteEndObject();
            }
            file.WriteByte((byte)'\n');
            pairs++;
        }
        return (pairs, held, unaligned);
    }

    private static void WriteManifest(string output, PairSetOptions options, PairSetReport report, TextDataStats stats)
    {
        var manifest = new
        {
            source = "Debian package descriptions: /var/lib/dpkg/status (full), /var/lib/apt/lists/*_Packages* (synopses)",
            renderer = $"xterm {options.Columns}x{options.Rows} cells, DejaVu Sans Mono {options.FontSize} pt, black on white, on Xvfb {report.Display}; window {report.Window.Width}x{report.Window.Height}",
            capture = "our X11 client: GetImage (ZPixmap) of the window's rectangle of the root, after two equal grabs",
            image = $"{options.ImageSize}x{options.ImageSize} grey PNG (bilinear resize, Rec. 601 luma)",
            alignment = "each turn's timestamp is its frame's capture time; joined by FrameAligner (nearest frame within ±2 s)",
            pairs = report.Pairs,
            train = report.Train,
            heldout = report.Heldout,
            unaligned = report.Unaligned,
            seed = options.Seed,
            maxTextBytes = options.MaxTextBytes,
            secretsScrubbed = stats.Scrubbed.Total,
            captureSeconds = Math.Round(report.Capture.TotalSeconds, 1),
            totalSeconds = Math.Round(report.Total.TotalSeconds, 1),
        };
        File.WriteAllText(Path.Combine(output, "manifest.json"), JsonSerializer.Serialize(manifest, Indented) + "\n");
    }

    // Fisher-Yates with a seeded System.Random (its seeded sequence is fixed across .NET versions).
    private static int[] Shuffled(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
