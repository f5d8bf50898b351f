// Privacy exclusions from the config: "glob:<pattern>" excludes whole files by path, "regex:<pattern>" excludes
// single records by content. A bare pattern is a glob. Globs match the whole path (never a substring); paths
// look like "conversations/2024/chat-1.jsonl" or "agents/<agent>/execution.jsonl", with '/' separators.
// Glob syntax: * (within one folder), ** (any folders), ? (one character), [abc] / [!abc] (character class).
using System.Text;
using System.Text.RegularExpressions;

namespace Autonet.Data.Text;

/// <summary>One parsed exclusion: a file-path glob or a content regex, matched in full, never as a substring.</summary>
public sealed class ExclusionPattern
{
    /// <summary>A user regex that runs longer than this on one record excludes the record (the safe side).</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly Regex _regex;

    private ExclusionPattern(string source, bool isGlob, Regex regex)
    {
        Source = source;
        IsGlob = isGlob;
        _regex = regex;
    }

    /// <summary>The pattern as written in the config.</summary>
    public string Source { get; }

    /// <summary>True for a path glob (excludes files), false for a content regex (excludes records).</summary>
    public bool IsGlob { get; }

    /// <summary>Parses "glob:...", "regex:..." or a bare glob.</summary>
    /// <exception cref="ArgumentException">empty pattern, bad regex or unclosed [ in a glob</exception>
    public static ExclusionPattern Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.StartsWith("regex:", StringComparison.Ordinal))
        {
            var body = pattern["regex:".Length..];
            if (body.Length == 0)
            {
                Errors.Pattern(pattern, "the regex after 'regex:' is empty");
            }
            try
            {
                return new ExclusionPattern(pattern, isGlob: false, new Regex(body, RegexOptions.CultureInvariant, MatchTimeout));
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"exclusion pattern '{pattern}' is invalid: not a .NET regex ({ex.Message})", nameof(pattern), ex);
            }
        }
        var glob = pattern.StartsWith("glob:", StringComparison.Ordinal) ? pattern["glob:".Length..] : pattern;
        if (glob.Length == 0)
        {
            Errors.Pattern(pattern, "the glob is empty; write e.g. 'glob:agents/private-*/**'");
        }
        return new ExclusionPattern(pattern, isGlob: true, new Regex(GlobToRegex(glob, pattern), RegexOptions.CultureInvariant, MatchTimeout));
    }

    /// <summary>For a glob: does it match this whole relative path ('/' separators)?</summary>
    public bool MatchesPath(string relativePath) => IsGlob && _regex.IsMatch(relativePath);

    /// <summary>For a regex: does it match anywhere in the content? A timeout counts as a match.</summary>
    public bool MatchesContent(string content)
    {
        if (IsGlob)
        {
            return false;
        }
        try
        {
            return _regex.IsMatch(content);
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }

    internal static string GlobToRegex(string glob, string source)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    var slashFollows = i + 2 < glob.Length && glob[i + 2] == '/';
                    regex.Append(slashFollows ? "(?:.*/)?" : ".*");
                    i += slashFollows ? 2 : 1;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = i + 2 <= glob.Length ? glob.IndexOf(']', i + 2) : -1;
                    if (close < 0)
                    {
                        Errors.Pattern(source, $"'[' at position {i} has no closing ']'");
                    }
                    var set = glob[(i + 1)..close];
                    regex.Append('[').Append(set[0] == '!' ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return regex.Append('$').ToString();
    }
}
