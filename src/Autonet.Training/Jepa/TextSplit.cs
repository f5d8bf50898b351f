// The one train / held-out split of a conversation folder's text windows, shared by `autonet train --modality text`
// (DataSources) and the network's text rounds (Rounds.TextCorpus): full windows in file order, every 10th held out.
// The source was resolved by Autonet.Data's CorpusFolder (a public corpus, or the user's data with consent).
using Autonet.Data.Text;

namespace Autonet.Training.Jepa;

/// <summary>Reads a conversation folder's windows and splits them into training and held-out windows.</summary>
public static class TextSplit
{
    /// <summary>Every <c>HeldOutEvery</c>-th full window (index % 10 == 9) is held out.</summary>
    public const int HeldOutEvery = 10;

    /// <summary>The source's text pipeline (scrubber and exclusions included) for windows of <paramref name="tokens"/>.</summary>
    public static TextTrainingDataSource Open(TextDataConfig source, int tokens, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(source with { MaxSeqLength = tokens, Stride = null }, log);
    }

    /// <summary>Whether the window at <paramref name="index"/> (among full windows, in file order) is held out.</summary>
    public static bool IsHeldOut(int index) => index % HeldOutEvery == HeldOutEvery - 1;

    /// <summary>(training, held-out) items in order.</summary>
    public static (List<T> Train, List<T> HeldOut) Split<T>(IReadOnlyList<T> full)
    {
        ArgumentNullException.ThrowIfNull(full);
        return ([.. full.Where((_, i) => !IsHeldOut(i))], [.. full.Where((_, i) => IsHeldOut(i))]);
    }
}
