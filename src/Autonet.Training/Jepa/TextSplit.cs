// The one train / held-out split of a conversation folder's text windows, shared by `autonet train --modality text`
// (DataSources) and the network's text rounds (Rounds.TextCorpus): whole conversation files are held out (every 10th
// file in ordinal name order, at least one), so held-out windows come from conversations never trained on, not from
// neighbouring windows of the same files.
// The source was resolved by Autonet.Data's CorpusFolder (a public corpus, or the user's data with consent).
using Autonet.Data.Text;

namespace Autonet.Training.Jepa;

/// <summary>Reads a conversation folder's windows and splits them into training and held-out windows.</summary>
public static class TextSplit
{
    /// <summary>Every <c>HeldOutEvery</c>-th conversation file (index % 10 == 9 in ordinal name order) is held out.</summary>
    public const int HeldOutEvery = 10;

    /// <summary>The source's text pipeline (scrubber and exclusions included) for windows of <paramref name="tokens"/>.</summary>
    public static TextTrainingDataSource Open(TextDataConfig source, int tokens, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(source with { MaxSeqLength = tokens, Stride = null }, log);
    }

    /// <summary>The held-out files among <paramref name="sources"/>: every 10th in ordinal order, or the last one when there are 2 to 9; none for one file.</summary>
    public static HashSet<string> HeldOutFiles(IEnumerable<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var files = sources.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var held = files.Where((_, i) => i % HeldOutEvery == HeldOutEvery - 1).ToHashSet(StringComparer.Ordinal);
        if (held.Count == 0 && files.Count >= 2)
        {
            held.Add(files[^1]);
        }
        return held;
    }

    /// <summary>(training, held-out) items in order; an item is held out when its file is (see <see cref="HeldOutFiles"/>).</summary>
    public static (List<T> Train, List<T> HeldOut) Split<T>(IReadOnlyList<T> full, Func<T, string> source)
    {
        ArgumentNullException.ThrowIfNull(full);
        ArgumentNullException.ThrowIfNull(source);
        var held = HeldOutFiles(full.Select(source));
        return ([.. full.Where(w => !held.Contains(source(w)))], [.. full.Where(w => held.Contains(source(w)))]);
    }
}
