// Follows the user's conversation files (*.jsonl under data.conversations_directory) and agents' execution records
// (<agent>/execution.jsonl) as they grow, by polling: new files are read from the start, appended lines from the
// cursor, a partial last line is left for the next poll (the cursor stays before it), and a file that shrank or whose
// first bytes changed (rotated, truncated, replaced) is read again from the start. Each complete line goes through
// RecordFilter (parse, regex exclusions, scrubbing) before it reaches the buffer; glob-excluded files are never opened.
// Without data.train_on_agent_data it opens nothing. Not done: lines appended to a file after it was renamed away.
using Autonet.Data.Text;

namespace Autonet.Data.Feed;

/// <summary>Polls agent-data files and appends each new, filtered, scrubbed interaction to a <see cref="FeedBuffer"/>.</summary>
public sealed class FeedWatcher
{
    /// <summary>Bytes of a file's start kept in its cursor to recognise the same file next time.</summary>
    public const int HeadBytes = 64;

    /// <summary>Most bytes read from one file in one poll (the rest waits for the next poll).</summary>
    public const int MaxReadPerPoll = 16 << 20;

    private readonly TextDataConfig _config;
    private readonly FeedBuffer _buffer;
    private readonly RecordFilter _filter;
    private readonly TextTrainingDataSource _files;

    /// <exception cref="ArgumentException">an option or exclusion pattern is invalid</exception>
    public FeedWatcher(TextDataConfig config, FeedBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(buffer);
        _filter = new RecordFilter(config);
        _files = new TextTrainingDataSource(config with { PublicCorpus = false });
        _config = config;
        _buffer = buffer;
        Stats = new TextDataStats { ConsentGiven = config.TrainOnAgentData };
    }

    /// <summary>Counts over every poll since this watcher was made (lines, skips by reason, exclusions, secrets scrubbed).</summary>
    public TextDataStats Stats { get; }

    /// <summary>Files that were seen to shrink or change their first bytes, and were read again from the start.</summary>
    public int FilesRestarted { get; private set; }

    /// <summary>Reads what is new in every watched file; returns how many interactions were appended.</summary>
    public int Poll(CancellationToken cancellationToken = default)
    {
        if (!_config.TrainOnAgentData)
        {
            return 0; // consent is off: not a single file is listed or opened
        }
        var appended = 0;
        foreach (var (relative, full) in _files.ListFiles())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_filter.ExcludesFile(relative))
            {
                continue;
            }
            try
            {
                appended += ReadNew(relative, full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Stats.FilesUnreadable++; // vanished between listing and opening, or not readable: tried again next poll
            }
        }
        return appended;
    }

    private int ReadNew(string relative, string full)
    {
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = stream.Length;
        var head = new byte[(int)Math.Min(HeadBytes, length)];
        stream.ReadExactly(head);
        var cursor = _buffer.Cursor(full);
        if (cursor is not null && (length < cursor.Offset || !head.AsSpan().StartsWith(cursor.Head.AsSpan(0, Math.Min(cursor.Head.Length, head.Length)))
            || head.Length < cursor.Head.Length))
        {
            FilesRestarted++;
            cursor = null; // rotated, truncated or replaced: this is a new file
        }
        var offset = cursor?.Offset ?? 0;
        var skipping = cursor?.Skipping ?? false;
        if (cursor is null)
        {
            Stats.FilesRead++;
        }
        if (offset == length && cursor is not null && cursor.Head.Length == head.Length)
        {
            return 0;
        }
        stream.Position = offset;
        var bytes = new byte[(int)Math.Min(length - offset, MaxReadPerPoll)];
        stream.ReadExactly(bytes);
        var appended = 0;
        var start = 0;
        for (var newline = Array.IndexOf(bytes, (byte)'\n'); newline >= 0; newline = Array.IndexOf(bytes, (byte)'\n', start))
        {
            var line = bytes.AsSpan(start, newline - start);
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }
            if (skipping)
            {
                skipping = false; // the end of an over-long line counted when it began
            }
            else if (_filter.Accept(line, line.Length > _config.MaxLineBytes, Stats) is { } record)
            {
                _buffer.Append(relative, record.Role, record.Content, record.Timestamp);
                appended++;
            }
            start = newline + 1;
        }
        if (!skipping && bytes.Length - start > _config.MaxLineBytes)
        {
            _filter.Accept([], tooLong: true, Stats); // a partial line already over the limit: counted, skipped to its newline
            skipping = true;
            start = bytes.Length;
        }
        else if (skipping)
        {
            start = bytes.Length;
        }
        _buffer.SaveCursor(new FeedCursor(full, offset + start, head, skipping));
        return appended;
    }
}
