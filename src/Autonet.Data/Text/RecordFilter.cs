// One JSONL line -> a record fit for training, or a counted reason why not: too long, empty, not UTF-8, corrupt JSON,
// missing fields, or excluded by a regex pattern. A kept record's content is scrubbed of secrets before anything
// else sees it, so neither a window, a batch nor the live feed's ring buffer ever holds the secret.
using Autonet.Data.Privacy;

namespace Autonet.Data.Text;

/// <summary>Parses, filters and scrubs agent-data lines, counting each skip in a <see cref="TextDataStats"/>.</summary>
public sealed class RecordFilter
{
    private readonly IReadOnlyList<ExclusionPattern> _exclusions;

    /// <summary>A filter over the config's exclusion patterns.</summary>
    /// <exception cref="ArgumentException">an option or pattern is invalid</exception>
    public RecordFilter(TextDataConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _exclusions = config.Validate();
    }

    /// <summary>Whether a glob pattern excludes this file (path relative to the data roots, '/' separators).</summary>
    public bool ExcludesFile(string relativePath) => _exclusions.Any(e => e.MatchesPath(relativePath));

    /// <summary>The kept, scrubbed record of one line, or null (the reason counted in <paramref name="stats"/>).</summary>
    public ConversationRecord? Accept(ReadOnlySpan<byte> line, bool tooLong, TextDataStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        stats.LinesRead++;
        if (tooLong)
        {
            stats.SkippedTooLong++;
            stats.LastSkip = "over max_line_bytes: skipped to its newline";
            return null;
        }
        var result = ConversationRecordParser.TryParse(line, out var record);
        if (!Count(result, stats) || record is null)
        {
            return null;
        }
        if (_exclusions.Any(e => e.MatchesContent(record.Content)))
        {
            stats.RecordsExcluded++;
            return null;
        }
        stats.RecordsUsed++;
        return record with { Content = PrivacyScrubber.Scrub(record.Content, stats.Scrubbed) };
    }

    private static bool Count(RecordParseResult result, TextDataStats stats)
    {
        switch (result)
        {
            case RecordParseResult.Ok:
                return true;
            case RecordParseResult.Empty:
                stats.SkippedEmpty++;
                stats.LastSkip = "empty (a blank line, or content of white space only)";
                break;
            case RecordParseResult.InvalidUtf8:
                stats.SkippedInvalidUtf8++;
                stats.LastSkip = "not UTF-8";
                break;
            case RecordParseResult.CorruptJson:
                stats.SkippedCorruptJson++;
                stats.LastSkip = "corrupt JSON (not one JSON object; cut short or hand-edited?)";
                break;
            default:
                stats.SkippedMissingFields++;
                stats.LastSkip = "no string \"role\" and string (or text-block) \"content\"";
                break;
        }
        return false;
    }
}
