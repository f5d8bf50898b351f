using Autonet.Data.Privacy;

namespace Autonet.Data.Text;

/// <summary>What a TextTrainingDataSource read, skipped and scrubbed; every skip is counted here, never thrown.</summary>
public sealed class TextDataStats
{
    /// <summary>Whether train_on_agent_data was on; when false every other count is zero.</summary>
    public bool ConsentGiven { get; internal set; }

    /// <summary>Whether the folder was a public corpus (read without consent: it is nobody's agent data).</summary>
    public bool PublicCorpus { get; internal set; }

    /// <summary>A one-line summary for the user, including why nothing was read when that is the case.</summary>
    public string Notice { get; internal set; } = "";

    public int FilesRead { get; internal set; }

    /// <summary>Files skipped by a glob exclusion.</summary>
    public int FilesExcluded { get; internal set; }

    /// <summary>Files that could not be opened or read (permissions, vanished); skipped.</summary>
    public int FilesUnreadable { get; internal set; }

    public int LinesRead { get; internal set; }

    public int RecordsUsed { get; internal set; }

    /// <summary>Records dropped by a regex exclusion.</summary>
    public int RecordsExcluded { get; internal set; }

    /// <summary>Blank lines, and records whose content is empty or white space.</summary>
    public int SkippedEmpty { get; internal set; }

    /// <summary>Lines that are not valid UTF-8 (or whose strings hold lone surrogates).</summary>
    public int SkippedInvalidUtf8 { get; internal set; }

    /// <summary>Lines that are not a JSON object.</summary>
    public int SkippedCorruptJson { get; internal set; }

    /// <summary>JSON objects without a string role and a string (or text-block array) content.</summary>
    public int SkippedMissingFields { get; internal set; }

    /// <summary>Lines longer than max_line_bytes.</summary>
    public int SkippedTooLong { get; internal set; }

    public int Documents { get; internal set; }

    public int Windows { get; internal set; }

    /// <summary>Valid (non-pad) tokens over all documents, BOS and EOS included.</summary>
    public long Tokens { get; internal set; }

    public ScrubCounts Scrubbed { get; } = new();

    /// <summary>
    /// The first few skips with where and why ("conversations/a.jsonl line 2: corrupt JSON (…)"); never the line's
    /// text, which may be private.
    /// </summary>
    public List<string> Reasons { get; } = [];

    /// <summary>Why the filter skipped the last line it skipped (set by RecordFilter).</summary>
    internal string LastSkip { get; set; } = "";

    public int SkippedLines => SkippedEmpty + SkippedInvalidUtf8 + SkippedCorruptJson + SkippedMissingFields + SkippedTooLong;

    internal void Skip(string where, string reason)
    {
        if (Reasons.Count < 20)
        {
            Reasons.Add($"{where}: {reason}");
        }
    }

    public override string ToString() =>
        $"{Notice} files {FilesRead} (excluded {FilesExcluded}, unreadable {FilesUnreadable}), lines {LinesRead}, records {RecordsUsed} " +
        $"(excluded {RecordsExcluded}), skipped: empty {SkippedEmpty}, non-UTF-8 {SkippedInvalidUtf8}, corrupt JSON {SkippedCorruptJson}, " +
        $"missing fields {SkippedMissingFields}, too long {SkippedTooLong}; windows {Windows}, tokens {Tokens}; scrubbed: {Scrubbed}";
}
