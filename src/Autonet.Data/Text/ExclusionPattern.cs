// Privacy exclusions from the config: "glob:<pattern>" excludes whole files by path, "regex:<pattern>" excludes
// single records by content, "window:<regex>" excludes every screen frame taken while a window whose title matches is
// on screen (live capture; Screen.ScreenCaptureSource). A bare pattern is a glob. Globs match the whole path (never a substring); paths
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

    private ExclusionPattern(string source, ExclusionKind kind, Regex regex)
    {
        Source = source;
        Kind = kind;
        _regex = regex;
    }

    /// <summary>The pattern as written in the config.</summary>
    public string Source { get; }

    /// <summary>What the pattern matches: file paths, record contents or window titles.</summary>
    public ExclusionKind Kind { get; }

    /// <summary>True for a path glob (excludes files).</summary>
    public bool IsGlob => Kind == ExclusionKind.Glob;

    /// <summary>Parses "glob:...", "regex:...", "window:..." or a bare glob.</summary>
    /// <exception cref="ArgumentException">empty pattern, bad regex or unclosed [ in a glob</exception>
    public static ExclusionPattern Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var prefix = pattern.StartsWith("regex:", StringComparison.Ordinal) ? "regex:" : pattern.StartsWith("window:", StringComparison.Ordinal) ? "window:" : null;
        if (prefix is not null)
        {
            var body = pattern[prefix.Length..];
            if (body.Length == 0)
            {
                Errors.Pattern(pattern, $"the regex after '{prefix}' is empty");
            }
            try
            {
                return new ExclusionPattern(pattern, prefix == "regex:" ? ExclusionKind.Regex : ExclusionKind.Window, new Regex(body, RegexOptions.CultureInvariant, MatchTimeout));
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
        return new ExclusionPattern(pattern, ExclusionKind.Glob, new Regex(GlobToRegex(glob, pattern), RegexOptions.CultureInvariant, MatchTimeout));
    }

    /// <summary>For a glob: does it match this whole relative path ('/' separators)?</summary>
    public bool MatchesPath(string relativePath) => IsGlob && _regex.IsMatch(relativePath);

    /// <summary>For a regex: does it match anywhere in the content? A timeout counts as a match.</summary>
    public bool MatchesContent(string content) => Kind == ExclusionKind.Regex && SafeMatch(content);

    /// <summary>For a window pattern: does it match anywhere in the title? A timeout counts as a match.</summary>
    public bool MatchesWindowTitle(string title) => Kind == ExclusionKind.Window && SafeMatch(title);

    private bool SafeMatch(string text)
    {
        try
        {
            return _regex.IsMatch(text);
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
