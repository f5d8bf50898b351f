// Agent data -> training windows (seed 001, story 1.1). With consent, reads conversation JSONL (recursively,
// *.jsonl under the conversations folder) and each agent's execution.jsonl, in ordinal path order so runs are
// reproducible. Each file becomes one document: its kept records as "role: content" lines, scrubbed of secrets,
// byte-tokenized between BOS and EOS, then cut into sliding windows. Bad lines are counted in Stats, never thrown.
using System.Text;
using Autonet.Data.Privacy;

namespace Autonet.Data.Text;

/// <summary>Reads agent conversations and execution records into padded token windows, honouring consent and exclusions.</summary>
public sealed class TextTrainingDataSource
{
    private readonly TextDataConfig _config;
    private readonly IReadOnlyList<ExclusionPattern> _exclusions;
    private readonly TextWriter? _log;

    /// <summary>Validates the config (and its exclusion patterns) up front.</summary>
    /// <exception cref="ArgumentException">an option is invalid</exception>
    public TextTrainingDataSource(TextDataConfig config, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _exclusions = config.Validate();
        _config = config;
        _log = log;
    }

    /// <summary>Counts of the most recent (or current) enumeration.</summary>
    public TextDataStats Stats { get; private set; } = new();

    /// <summary>The files that would be read, as (path relative to the data roots, full path), in reading order.</summary>
    public IReadOnlyList<(string Relative, string FullPath)> ListFiles()
    {
        var files = new List<(string, string)>();
        var conversations = TextDataConfig.ExpandHome(_config.ConversationsDirectory);
        if (Directory.Exists(conversations))
        {
            files.AddRange(Directory.EnumerateFiles(conversations, "*.jsonl", SearchOption.AllDirectories)
                .Select(f => ("conversations/" + Path.GetRelativePath(conversations, f).Replace('\\', '/'), f))
                .OrderBy(f => f.Item1, StringComparer.Ordinal));
        }
        var agents = TextDataConfig.ExpandHome(_config.AgentsDirectory);
        if (Directory.Exists(agents))
        {
            files.AddRange(Directory.EnumerateDirectories(agents)
                .Select(d => (Agent: Path.GetFileName(d), File: Path.Combine(d, "execution.jsonl")))
                .Where(a => File.Exists(a.File))
                .Select(a => ($"agents/{a.Agent}/execution.jsonl", a.File))
                .OrderBy(f => f.Item1, StringComparer.Ordinal));
        }
        return files;
    }

    /// <summary>All windows of all documents, in file order. Stats restart at each enumeration.</summary>
    public IEnumerable<TextWindow> ReadWindows(CancellationToken cancellationToken = default)
    {
        var stats = new TextDataStats { ConsentGiven = _config.TrainOnAgentData };
        Stats = stats;
        if (!_config.TrainOnAgentData)
        {
            stats.Notice = "train_on_agent_data is false: no agent data was read (opt in with `autonet config set data.train_on_agent_data true`).";
            _log?.WriteLine(stats.Notice);
            yield break;
        }
        var files = ListFiles();
        foreach (var (relative, fullPath) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_exclusions.Any(e => e.MatchesPath(relative)))
            {
                stats.FilesExcluded++;
                continue;
            }
            var document = ReadDocument(fullPath, stats, cancellationToken);
            if (document is null)
            {
                continue;
            }
            stats.Documents++;
            stats.Tokens += document.Length;
            foreach (var window in SlidingWindows.Cut(document, _config.MaxSeqLength, _config.EffectiveStride, relative))
            {
                stats.Windows++;
                yield return window;
            }
        }
        stats.Notice = files.Count == 0
            ? $"train_on_agent_data is true but no *.jsonl was found under '{_config.ConversationsDirectory}' or '{_config.AgentsDirectory}/*/execution.jsonl'."
            : $"read {stats.FilesRead} agent data files into {stats.Windows} windows; skipped {stats.SkippedLines} bad lines.";
        _log?.WriteLine(stats.Notice);
    }

    /// <summary>Windows packed into batches of batchSize (the last batch may be smaller).</summary>
    public IEnumerable<TextBatch> ReadBatches(int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var pending = new List<TextWindow>(batchSize);
        foreach (var window in ReadWindows(cancellationToken))
        {
            pending.Add(window);
            if (pending.Count == batchSize)
            {
                yield return TextBatch.FromWindows(pending);
                pending.Clear();
            }
        }
        if (pending.Count > 0)
        {
            yield return TextBatch.FromWindows(pending);
        }
    }

    // One file -> BOS + UTF-8 bytes of "role: content\n" per kept record + EOS; null when nothing was kept.
    private int[]? ReadDocument(string path, TextDataStats stats, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            foreach (var line in JsonlLineReader.ReadLines(stream, _config.MaxLineBytes, cancellationToken))
            {
                stats.LinesRead++;
                if (line.TooLong)
                {
                    stats.SkippedTooLong++;
                    continue;
                }
                var result = ConversationRecordParser.TryParse(line.Bytes, out var record);
                if (!Count(result, stats) || record is null)
                {
                    continue;
                }
                if (_exclusions.Any(e => e.MatchesContent(record.Content)))
                {
                    stats.RecordsExcluded++;
                    continue;
                }
                stats.RecordsUsed++;
                text.Append(record.Role).Append(": ").Append(PrivacyScrubber.Scrub(record.Content, stats.Scrubbed)).Append('\n');
            }
            stats.FilesRead++;
        }
        catch (IOException ex)
        {
            stats.FilesUnreadable++;
            _log?.WriteLine($"skipped unreadable file '{path}': {ex.Message}");
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            stats.FilesUnreadable++;
            _log?.WriteLine($"skipped unreadable file '{path}': {ex.Message}");
            return null;
        }
        return text.Length == 0 ? null : ByteTokenizer.Encode(text.ToString(), addBosEos: true);
    }

    private static bool Count(RecordParseResult result, TextDataStats stats)
    {
        switch (result)
        {
            case RecordParseResult.Ok:
                return true;
            case RecordParseResult.Empty:
                stats.SkippedEmpty++;
                break;
            case RecordParseResult.InvalidUtf8:
                stats.SkippedInvalidUtf8++;
                break;
            case RecordParseResult.CorruptJson:
                stats.SkippedCorruptJson++;
                break;
            default:
                stats.SkippedMissingFields++;
                break;
        }
        return false;
    }
}
