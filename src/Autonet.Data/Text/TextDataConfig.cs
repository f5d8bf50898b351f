// Options of the agent-data text pipeline; the node fills them from config.yaml's data.* keys (AutonetConfig.TextData(): data.train_on_agent_data,
// data.max_seq_length, …). Validate() names the option, its value
// and the rule. Consent is off by default: without train_on_agent_data nothing is read.
namespace Autonet.Data.Text;

/// <summary>Where agent data lives, whether we may read it, and how it is cut into windows.</summary>
public sealed record TextDataConfig
{
    /// <summary>The longest window the text encoder supports (seed 001, story 6.1).</summary>
    public const int MaxSupportedSeqLength = 2048;

    /// <summary>Consent: read agent data only when true (seed 001, story 3.1). Default false.</summary>
    public bool TrainOnAgentData { get; init; }

    /// <summary>
    /// The folder is a public corpus (Consent.CorpusFolder: it holds autonet-corpus.json), not the user's agent data,
    /// so it is read without <see cref="TrainOnAgentData"/>. Set only by CorpusFolder.Named.
    /// </summary>
    public bool PublicCorpus { get; init; }

    /// <summary>Whether anything may be read: consent, or a public corpus.</summary>
    public bool MayRead => TrainOnAgentData || PublicCorpus;

    /// <summary>Conversation JSONL files, searched recursively for *.jsonl. "~" is the home folder; empty: none.</summary>
    public string ConversationsDirectory { get; init; } = "~/.atn/conversations";

    /// <summary>Folder of agents; each agent's records are in &lt;agent&gt;/execution.jsonl. Empty: none.</summary>
    public string AgentsDirectory { get; init; } = "~/.atn/agents";

    /// <summary>Tokens per window, BOS/EOS included: 16..2048, default 512.</summary>
    public int MaxSeqLength { get; init; } = 512;

    /// <summary>Tokens between window starts: 1..MaxSeqLength; null means MaxSeqLength (no overlap).</summary>
    public int? Stride { get; init; }

    /// <summary>"glob:&lt;path glob&gt;" excludes files, "regex:&lt;regex&gt;" excludes records; a bare pattern is a glob.</summary>
    public IList<string> ExclusionPatterns { get; init; } = [];

    /// <summary>Lines longer than this many bytes are skipped (and counted) instead of buffered.</summary>
    public int MaxLineBytes { get; init; } = 8 * 1024 * 1024;

    public int EffectiveStride => Stride ?? MaxSeqLength;

    /// <summary>Checks every option; returns the parsed exclusion patterns.</summary>
    /// <exception cref="ArgumentException">an option is out of range or a pattern does not parse</exception>
    public IReadOnlyList<ExclusionPattern> Validate()
    {
        if (MaxSeqLength is < 16 or > MaxSupportedSeqLength)
        {
            Errors.Option("max_seq_length", MaxSeqLength, $"must be in 16..{MaxSupportedSeqLength}");
        }
        if (Stride is { } stride && (stride < 1 || stride > MaxSeqLength))
        {
            Errors.Option("stride", stride, $"must be in 1..max_seq_length ({MaxSeqLength})");
        }
        if (ConversationsDirectory is null || (ConversationsDirectory.Length > 0 && ConversationsDirectory.Trim().Length == 0))
        {
            Errors.Option("conversations_directory", ConversationsDirectory, "must be a folder path, or empty for none");
        }
        if (AgentsDirectory is null || (AgentsDirectory.Length > 0 && AgentsDirectory.Trim().Length == 0))
        {
            Errors.Option("agents_directory", AgentsDirectory, "must be a folder path, or empty for none");
        }
        if (MaxLineBytes < 1024)
        {
            Errors.Option("max_line_bytes", MaxLineBytes, "must be at least 1024");
        }
        return [.. (ExclusionPatterns ?? []).Select(ExclusionPattern.Parse)];
    }

    /// <summary>Expands a leading "~" to the user's home folder.</summary>
    public static string ExpandHome(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : "");
        }
        return path;
    }
}
