// Heuristic for BIP-39-like recovery phrases. We ship no BIP-39 word list, so we cannot check words or the
// checksum. Instead: a run of 12 or more consecutive lower-case words of 3 to 8 letters (BIP-39 English words
// are 3-8 letters) on one line counts as a seed phrase when (a) a word like seed, mnemonic, recovery, wallet or phrase
// appears in the run or in the 200 characters before it, or (b) the run is a whole line of exactly 12, 15, 18,
// 21 or 24 words. It misses phrases with short words or capitals and may remove long plain lower-case prose
// near such words; both are accepted trade-offs.
using System.Text.RegularExpressions;

namespace Autonet.Data.Privacy;

/// <summary>Finds and replaces likely mnemonic seed phrases (see the file header for the exact rule).</summary>
internal static partial class SeedPhraseDetector
{
    private const int ContextChars = 200;

    private static readonly int[] BipWordCounts = [12, 15, 18, 21, 24];

    public static string Scrub(string text, ScrubCounts counts) =>
        WordRunPattern().Replace(text, m =>
        {
            if (!IsSeedPhrase(text, m))
            {
                return m.Value;
            }
            counts.Add(SecretKind.SeedPhrase);
            return PrivacyScrubber.Placeholder(SecretKind.SeedPhrase);
        });

    private static bool IsSeedPhrase(string text, Match run)
    {
        var contextStart = Math.Max(0, run.Index - ContextChars);
        var context = text.AsSpan(contextStart, run.Index + run.Length - contextStart);
        if (ContextPattern().IsMatch(context))
        {
            return true;
        }
        var lineStart = text.LastIndexOf('\n', Math.Max(0, run.Index - 1)) + 1;
        var lineEnd = text.IndexOf('\n', run.Index + run.Length);
        var line = text.AsSpan(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart).Trim();
        var words = run.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return line.Length == run.Length && BipWordCounts.Contains(words);
    }

    [GeneratedRegex(@"(?<![A-Za-z])[a-z]{3,8}(?:[ \t]+[a-z]{3,8}){11,}(?![A-Za-z])")]
    private static partial Regex WordRunPattern();

    [GeneratedRegex(@"seed|mnemonic|recovery|wallet|phrase|backup words|secret words", RegexOptions.IgnoreCase)]
    private static partial Regex ContextPattern();
}
