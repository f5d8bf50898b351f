// A text run's data: the full token windows of a folder of agent-conversation JSONL (Autonet.Data's pipeline, with
// its scrubber and exclusions; a public corpus, or the user's data with consent: Data's CorpusFolder), in file order. Every 10th conversation file is held
// out by TextSplit, the same split as `autonet train` (the proposers' validation sets and the global metric come from
// those, so they are conversations no solver trains on); the rest are split among solvers by conversation file, so each solver trains on its own users'
// conversations, as in the seeds.
using Autonet.Data.Text;
using Autonet.Training.Jepa;

namespace Autonet.Training.Rounds;

/// <summary>Training and held-out windows of a conversation folder, and each window's file.</summary>
public sealed record TextCorpus(IReadOnlyList<int[]> Train, IReadOnlyList<string> TrainSources, IReadOnlyList<int[]> HeldOut)
{
    /// <exception cref="ArgumentException">The source yields fewer than 20 full windows of <paramref name="tokens"/> ids.</exception>
    public static TextCorpus Load(TextDataConfig source, int tokens)
    {
        ArgumentNullException.ThrowIfNull(source);
        var directory = source.ConversationsDirectory;
        var full = TextSplit.Open(source, tokens).ReadWindows().Where(w => w.Length == tokens && w.TokenIds.Length == tokens).ToList();
        if (full.Count < 20)
        {
            throw new ArgumentException($"--text-dir {directory}: {full.Count} full windows of {tokens} tokens; a text run needs at least 20 (conversation *.jsonl files; `python3 scripts/make-text-corpus.py` makes a corpus)", nameof(source));
        }
        var (train, heldOut) = TextSplit.Split(full, w => w.Source);
        if (heldOut.Count == 0)
        {
            throw new ArgumentException($"--text-dir {directory}: all {full.Count} full windows come from one conversation file; the held-out set is whole files never trained on, so a text run needs at least 2 files", nameof(source));
        }
        return new TextCorpus([.. train.Select(w => w.TokenIds)], [.. train.Select(w => w.Source)], [.. heldOut.Select(w => w.TokenIds)]);
    }

    /// <summary>Each solver's window indices: whole conversation files dealt out in turn (windows dealt when files are fewer than solvers).</summary>
    public int[][] Split(int solvers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(solvers);
        var files = TrainSources.Distinct(StringComparer.Ordinal).ToList();
        var owner = files.Count >= solvers
            ? files.Select((f, i) => (f, i % solvers)).ToDictionary(x => x.f, x => x.Item2, StringComparer.Ordinal)
            : null;
        return [.. Enumerable.Range(0, solvers).Select(s => Enumerable.Range(0, Train.Count).Where(i => (owner?[TrainSources[i]] ?? i % solvers) == s).ToArray())];
    }
}
