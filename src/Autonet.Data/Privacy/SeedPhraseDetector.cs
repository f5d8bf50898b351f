// Heuristic for BIP-39-like recovery phrases. We ship no BIP-39 word list, so we cannot check words or the
// checksum. Instead: a run of 12 or more lower-case words of 3 to 8 letters (BIP-39 English words are 3-8
// letters) separated by spaces or tabs on one line counts as a seed phrase when (a) a word like seed, mnemonic,
// recovery, wallet or phrase appears in the run or in the 200 characters before it, or (b) the run is a whole
// line of exactly 12, 15, 18, 21 or 24 words. It misses phrases with short words, capitals, numbering or line
// breaks, and may remove long plain lower-case prose near such words; both are accepted trade-offs.
using System.Text;
using System.Text.RegularExpressions;

namespace Autonet.Data.Privacy;

/// <summary>Finds and replaces likely mnemonic seed phrases (see the file header for the exact rule).</summary>
internal static partial class SeedPhraseDetector
{
    private const int ContextChars = 200;

    private const int MinWords = 12;

    private static readonly int[] BipWordCounts = [12, 15, 18, 21, 24];

    public static string Scrub(string text, ScrubCounts counts)
    {
        StringBuilder? result = null;
        var copied = 0;
        foreach (var (start, end, words) in WordRuns(text))
        {
            if (!IsSeedPhrase(text, start, end, words))
            {
                continue;
            }
            result ??= new StringBuilder(text.Length);
            result.Append(text, copied, start - copied).Append(PrivacyScrubber.Placeholder(SecretKind.SeedPhrase));
            copied = end;
            counts.Add(SecretKind.SeedPhrase);
        }
        return result is null ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// Runs of at least 12 words, one linear scan: a word is 3-8 letters a-z not touching another letter, and words
    /// are separated by spaces or tabs only. Returns (start, end exclusive, word count).
    /// </summary>
    internal static IEnumerable<(int Start, int End, int Words)> WordRuns(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiLetterLower(text[i]) || (i > 0 && char.IsAsciiLetter(text[i - 1])))
            {
                i++;
                continue;
            }
            var words = 0;
            var end = i;
            var next = i;
            while (true)
            {
                var k = next;
                while (k < text.Length && char.IsAsciiLetterLower(text[k]))
                {
                    k++;
                }
                var length = k - next;
                if (length is < 3 or > 8 || (k < text.Length && char.IsAsciiLetter(text[k])))
                {
                    break; // not a word: the run (if any) ends before it
                }
                words++;
                end = k;
                var gap = k;
                while (gap < text.Length && text[gap] is ' ' or '\t')
                {
                    gap++;
                }
                if (gap == k || gap >= text.Length || !char.IsAsciiLetterLower(text[gap]))
                {
                    break;
                }
                next = gap;
            }
            if (words >= MinWords)
            {
                yield return (i, end, words);
                i = end;
            }
            else
            {
                // Resume after the first word (or character) so a run starting at a later word is still found.
                var skip = i;
                while (skip < text.Length && char.IsAsciiLetter(text[skip]))
                {
                    skip++;
                }
                i = Math.Max(skip, i + 1);
            }
        }
    }

    private static bool IsSeedPhrase(string text, int start, int end, int words)
    {
        var contextStart = Math.Max(0, start - ContextChars);
        if (ContextPattern().IsMatch(text.AsSpan(contextStart, end - contextStart)))
        {
            return true;
        }
        var lineStart = start == 0 ? 0 : text.LastIndexOf('\n', start - 1) + 1;
        var lineEnd = text.IndexOf('\n', end);
        var line = text.AsSpan(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart).Trim();
        return line.Length == end - start && BipWordCounts.Contains(words);
    }

    [GeneratedRegex(@"seed|mnemonic|recovery|wallet|phrase|backup words|secret words", RegexOptions.IgnoreCase)]
    private static partial Regex ContextPattern();
}
