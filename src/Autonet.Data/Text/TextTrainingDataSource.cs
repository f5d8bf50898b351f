// Agent data -> training windows (seed 001, story 1.1). With consent (or for a public corpus), reads conversation JSONL (recursively,
// *.jsonl under the conversations folder) and each agent's execution.jsonl, in ordinal path order so runs are
// reproducible. Each file becomes one document: its kept records as "role: content" lines, scrubbed of secrets,
// byte-tokenized between BOS and EOS, then cut into sliding windows. Bad lines are counted in Stats, never thrown.
using System.Text;

namespace Autonet.Data.Text;

/// <summary>Reads agent conversations and execution records into padded token windows, honouring consent and exclusions.</summary>
public sealed class TextTrainingDataSource
{
    private readonly TextDataConfig _config;
    private readonly RecordFilter _filter;
    private readonly TextWriter? _log;

    /// <summary>Validates the config (and its exclusion patterns) up front.</summary>
    /// <exception cref="ArgumentException">an option is invalid</exception>
    public TextTrainingDataSource(TextDataConfig config, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _filter = new RecordFilter(config);
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
        if (conversations.Length > 0 && Directory.Exists(conversations))
        {
            files.AddRange(Directory.EnumerateFiles(conversations, "*.jsonl", SearchOption.AllDirectories)
                .Select(f => ("conversations/" + Path.GetRelativePath(conversations, f).Replace('\\', '/'), f))
                .OrderBy(f => f.Item1, StringComparer.Ordinal));
        }
        var agents = TextDataConfig.ExpandHome(_config.AgentsDirectory);
        if (agents.Length > 0 && Directory.Exists(agents))
        {
            files.AddRange(Directory.EnumerateDirectories(agents)
                .Select(d => (Agent: Path.GetFileName(d), File: Path.Combine(d, "execution.jsonl")))
                .Where(a => File.Exists(a.File))
                .Select(a => ($"agents/{a.Agent}/execution.jsonl", a.File))
                .OrderBy(f => f.Item1, StringComparer.Ordinal));
        }
        return files;
    }

    /// <summary>
    /// Each file's kept records (parsed, filtered, scrubbed), in file order; files excluded by a glob are never opened.
    /// Reads nothing without consent (or a public corpus). Stats restart at each enumeration.
    /// </summary>
    public IEnumerable<(string Relative, IReadOnlyList<ConversationRecord> Records)> ReadRecords(CancellationToken cancellationToken = default)
    {
        var stats = new TextDataStats { ConsentGiven = _config.TrainOnAgentData, PublicCorpus = _config.PublicCorpus };
        Stats = stats;
        if (!_config.MayRead)
        {
            stats.Notice = $"train_on_agent_data is false: no agent data was read (opt in with `{Consent.CorpusFolder.OptIn}`).";
            _log?.WriteLine(stats.Notice);
            yield break;
        }
        var files = ListFiles();
        foreach (var (relative, fullPath) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_filter.ExcludesFile(relative))
            {
                stats.FilesExcluded++;
                continue;
            }
            if (ReadFile(relative, fullPath, stats, cancellationToken) is { Count: > 0 } records)
            {
                yield return (relative, records);
            }
        }
        stats.Notice = files.Count == 0
            ? $"no *.jsonl was found under '{_config.ConversationsDirectory}'{(_config.AgentsDirectory.Length > 0 ? $" or '{_config.AgentsDirectory}/*/execution.jsonl'" : "")}."
            : $"read {stats.FilesRead} {(_config.PublicCorpus ? "public corpus" : "agent data")} files; skipped {stats.SkippedLines} bad lines.";
        _log?.WriteLine(stats.Notice);
    }

    /// <summary>All windows of all documents, in file order: each file's records as "role: content" lines, BOS..EOS.</summary>
    public IEnumerable<TextWindow> ReadWindows(CancellationToken cancellationToken = default)
    {
        foreach (var (relative, records) in ReadRecords(cancellationToken))
        {
            var text = new StringBuilder();
            foreach (var record in records)
            {
                text.Append(record.Role).Append(": ").Append(record.Content).Append('\n');
            }
            var document = ByteTokenizer.Encode(text.ToString(), addBosEos: true);
            Stats.Documents++;
            Stats.Tokens += document.Length;
            foreach (var window in SlidingWindows.Cut(document, _config.MaxSeqLength, _config.EffectiveStride, relative))
            {
                Stats.Windows++;
                yield return window;
            }
        }
    }

    /// <summary>
    /// One window of MaxSeqLength tokens per reply (a record of <paramref name="role"/>) that has a full context before
    /// it: the window ends <paramref name="queryTokens"/> tokens into the reply's content, so its first MaxSeqLength -
    /// queryTokens tokens are exactly the last ones of "BOS role: content\n…role: " a served context renders, and its
    /// last queryTokens are the reply's start (issue 16: the K-vector query a provider serves). Replies that start
    /// earlier in their document, or whose document ends within queryTokens of their start, give no window.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="queryTokens"/> is not in 1..MaxSeqLength - 1.</exception>
    public IEnumerable<TextWindow> ReadNextTurnWindows(int queryTokens, string role = "assistant", CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queryTokens);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(queryTokens, _config.MaxSeqLength);
        ArgumentNullException.ThrowIfNull(role);
        var context = _config.MaxSeqLength - queryTokens;
        foreach (var (relative, records) in ReadRecords(cancellationToken))
        {
            var text = new StringBuilder();
            var starts = new List<int>(); // token offsets of the replies' first content byte (BOS is token 0)
            var offset = 1;
            foreach (var record in records)
            {
                var head = record.Role + ": ";
                offset += Encoding.UTF8.GetByteCount(head);
                if (record.Role == role)
                {
                    starts.Add(offset);
                }
                offset += Encoding.UTF8.GetByteCount(record.Content) + 1;
                text.Append(head).Append(record.Content).Append('\n');
            }
            var document = ByteTokenizer.Encode(text.ToString(), addBosEos: true);
            foreach (var start in starts.Where(s => s >= context && s + queryTokens <= document.Length))
            {
                yield return new TextWindow(document[(start - context)..(start + queryTokens)], _config.MaxSeqLength, relative);
            }
        }
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

    // One file's kept records; null when it cannot be read (counted, and logged with the reason).
    private List<ConversationRecord>? ReadFile(string relative, string path, TextDataStats stats, CancellationToken cancellationToken)
    {
        var records = new List<ConversationRecord>();
        var number = 0;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            foreach (var line in JsonlLineReader.ReadLines(stream, _config.MaxLineBytes, cancellationToken))
            {
                number++;
                var skipped = stats.SkippedLines;
                if (_filter.Accept(line.Bytes, line.TooLong, stats) is { } record)
                {
                    records.Add(record);
                }
                else if (stats.SkippedLines > skipped)
                {
                    stats.Skip($"{relative} line {number}", stats.LastSkip);
                }
            }
            stats.FilesRead++;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stats.FilesUnreadable++;
            stats.Skip(relative, $"unreadable ({ex.Message})");
            _log?.WriteLine($"skipped unreadable file '{path}': {ex.Message}");
            return null;
        }
        return records;
    }
}
