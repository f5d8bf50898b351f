// A proposer's private held-out pool and the validation sample it draws for each task: images, the first `pool`
// Fashion-MNIST test images; text, the first `pool` held-out windows of the corpus. Each task's set is a fresh draw
// (a seeded partial Fisher-Yates shuffle keyed by the proposer's secret and the task's round), so no earlier task's
// set tells a solver the next one. Used by a proposer daemon and, for the same draws, by the devnet's lockstep run.
using Autonet.Core.Randomness;
using Autonet.Data.Images;
using Autonet.Training.Rounds;

namespace Autonet.Node.Roles;

/// <summary>Draws each task's validation set from a private pool.</summary>
public static class HeldOutPool
{
    /// <summary>`count` distinct indices of 0..pool-1 for <paramref name="round"/>, a fresh draw per round from <paramref name="secret"/>.</summary>
    public static int[] Sample(int pool, int count, ulong secret, int round)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pool);
        var random = new SeededRandom(secret + (ulong)round);
        var indices = Enumerable.Range(0, pool).ToArray();
        var take = Math.Min(count, pool);
        for (var i = 0; i < take; i++)
        {
            var j = random.NextInt(i, pool - 1);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        return indices[..take];
    }

    /// <summary>
    /// The validation set of the proposer's n-th task (encoded with ValidationSet), from the pool its config.yaml
    /// names: test images, or the held-out windows of data.text_directory (read with the home's consent settings).
    /// </summary>
    public static Func<int, byte[]> For(NodeConfig config, ProposerPlan plan, Data.Text.TextDataConfig userData)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(plan);
        if (config.Modality == Autonet.Models.Jepa.Modality.Text)
        {
            var corpus = TextCorpus.Load(Data.Consent.CorpusFolder.Named(config.TextDirectory ?? throw new FormatException("data.text_directory is empty; rule: a text proposer (data.modality = text) draws its pool from that folder"), userData, "data.text_directory"), config.MaxTokens);
            var pool = Math.Min(plan.Pool, corpus.HeldOut.Count);
            return round => ValidationSet.EncodeText([.. Sample(pool, plan.Samples, plan.Secret, round).Select(i => corpus.HeldOut[i])]);
        }
        var test = FashionMnist.Load(FashionMnistSplit.Test, maxCount: plan.Pool);
        return round => ValidationSet.Encode(test, Sample(test.Count, plan.Samples, plan.Secret, round));
    }
}
