// The one train / held-out split of a conversation folder's text windows, shared by `autonet train --modality text`
// (DataSources) and the network's text rounds (Rounds.TextCorpus): full windows in file order, every 10th held out.
// Naming the folder on the command line is the user's consent to train on it.
using Autonet.Data.Text;

namespace Autonet.Training.Jepa;

/// <summary>Reads a conversation folder's windows and splits them into training and held-out windows.</summary>
public static class TextSplit
{
    /// <summary>Every <c>HeldOutEvery</c>-th full window (index % 10 == 9) is held out.</summary>
    public const int HeldOutEvery = 10;

    /// <summary>The folder's text pipeline (scrubber and exclusions included) for windows of <paramref name="tokens"/>.</summary>
    public static TextTrainingDataSource Open(string directory, int tokens, TextWriter? log = null) =>
        new(new TextDataConfig
        {
            TrainOnAgentData = true, // the user named this folder for the run: that is the consent
            ConversationsDirectory = directory,
            AgentsDirectory = Path.Combine(directory, "__no_agents__"),
            MaxSeqLength = tokens,
        }, log);

    /// <summary>Whether the window at <paramref name="index"/> (among full windows, in file order) is held out.</summary>
    public static bool IsHeldOut(int index) => index % HeldOutEvery == HeldOutEvery - 1;

    /// <summary>(training, held-out) items in order.</summary>
    public static (List<T> Train, List<T> HeldOut) Split<T>(IReadOnlyList<T> full)
    {
        ArgumentNullException.ThrowIfNull(full);
        return ([.. full.Where((_, i) => !IsHeldOut(i))], [.. full.Where((_, i) => IsHeldOut(i))]);
    }
}
