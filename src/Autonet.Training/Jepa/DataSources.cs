// Where JEPA runs get their data: Fashion-MNIST (train split for training and probes, test split for validation)
// and text windows from agent-conversation JSONL through TextTrainingDataSource (consent, exclusions, scrubbing).
// Text windows are split by TextSplit: every 10th conversation file is held out for validation (never trained on).
// Image-text pairs (a pair folder, PairFolder) train a multimodal model on "train" and validate on "heldout".
using Autonet.Data.Images;
using Autonet.Data.Pairs;
using Autonet.Data.Text;
using Autonet.Models.Jepa;
using Autonet.Models.Masking;

namespace Autonet.Training.Jepa;

/// <summary>Builds training and validation batch sources for a modality.</summary>
public static class DataSources
{
    /// <summary>
    /// (train, validation) batch sources. limit keeps the first images/windows (quick runs). The text source was resolved
    /// by Autonet.Data's CorpusFolder (consent is checked there); it is required for text.
    /// </summary>
    public static (BatchSource Train, BatchSource Validation, string Description) Create(JepaConfig config, string? imageDirectory, TextDataConfig? text, int? limit, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Modality == Modality.Image)
        {
            var dir = imageDirectory ?? FashionMnist.DefaultDirectory;
            var train = FashionMnist.Load(FashionMnistSplit.Train, PixelNormalization.Standardized, dir, limit);
            var test = FashionMnist.Load(FashionMnistSplit.Test, PixelNormalization.Standardized, dir, Math.Min(limit ?? 10_000, 2_000));
            return (new ImageBatchSource(train, config), new ImageBatchSource(test, config), $"Fashion-MNIST train {train.Count} images, validation {test.Count} test images");
        }
        if (text is null)
        {
            Errors.Option("text_dir", null, "text training needs a text source: --text-dir (a public corpus: python3 scripts/make-text-corpus.py makes one under artifacts/text-corpus) or your agent data with data.train_on_agent_data");
        }
        var source = TextSplit.Open(text, config.MaxTokens, log);
        var windows = source.ReadWindows().ToList();
        var full = windows.Where(w => w.Length == config.MaxTokens && w.TokenIds.Length == config.MaxTokens).ToList();
        var skipped = windows.Count - full.Count;
        if (limit is { } max && full.Count > max)
        {
            full = full.GetRange(0, max);
        }
        var (trainWindows, validation) = TextSplit.Split(full, w => w.Source);
        if (trainWindows.Count == 0 || validation.Count == 0)
        {
            Errors.Option("text_dir", text.ConversationsDirectory, $"yielded {full.Count} full windows of {config.MaxTokens} tokens from {full.Select(w => w.Source).Distinct(StringComparer.Ordinal).Count()} conversation files ({skipped} short ones skipped); need windows in at least 2 files (whole files are held out)");
        }
        var held = TextSplit.HeldOutFiles(full.Select(w => w.Source));
        var description = $"text: {trainWindows.Count} train / {validation.Count} held-out windows of {config.MaxTokens} tokens (held out: {held.Count} whole conversation files, never trained on; {skipped} short windows skipped; {source.Stats.SkippedLines} bad lines)";
        BatchSource training = new TextBatchSource([.. trainWindows.Select(w => w.TokenIds)], config);
        if (config.NextTurnFraction > 0)
        {
            (training, var replies) = NextTurn(config, source, held, training);
            description += $"; {config.NextTurnFraction:P0} of steps on the served next-turn query ({replies} reply windows, K {KVectorShape.Of(config).K})";
        }
        return (training, new TextBatchSource([.. validation.Select(w => w.TokenIds)], config), description);
    }

    // The span source mixed with windows that end K tokens into a training file's reply, masked as KVectorEncoder serves them.
    private static (BatchSource Train, int Replies) NextTurn(JepaConfig config, Data.Text.TextTrainingDataSource source, HashSet<string> held, BatchSource spans)
    {
        var k = KVectorShape.Of(config).K;
        var replies = source.ReadNextTurnWindows(k).Where(w => !held.Contains(w.Source)).Select(w => w.TokenIds).ToList();
        if (replies.Count == 0)
        {
            Errors.Option("next_turn_fraction", config.NextTurnFraction, $"needs assistant replies that start at least {config.MaxTokens - k} tokens into a training conversation file, and this corpus has none; use 0 (span masks only)");
        }
        return (new MixedBatchSource(spans, new TextBatchSource(replies, config, new NextTurnMasker(k)), config.NextTurnFraction), replies.Count);
    }

    /// <summary>(train, held-out) pair sources of a pair folder, images decoded at the config's size; limit keeps the first N train pairs.</summary>
    /// <exception cref="ArgumentException">The folder has no train pair or fewer than 2 held-out pairs.</exception>
    public static (PairBatchSource Train, PairBatchSource HeldOut, string Description) Pairs(JepaConfig config, string directory, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (pairs, stats) = PairFolder.Read(directory, config.ImageSize);
        var train = pairs.Where(p => !p.HeldOut).Take(limit ?? int.MaxValue).ToList();
        var heldOut = pairs.Where(p => p.HeldOut).ToList();
        if (train.Count == 0 || heldOut.Count < 2)
        {
            Errors.Option("pairs", directory, $"has {train.Count} train and {heldOut.Count} held-out pairs ({stats}{(stats.Reasons.Count > 0 ? "; first: " + stats.Reasons[0] : "")}); need at least 1 and 2");
        }
        return (PairBatchSource.From(train, config), PairBatchSource.From(heldOut, config),
            $"pairs: {train.Count} train / {heldOut.Count} held-out image-text pairs from {directory} ({config.ImageSize}x{config.ImageSize} grey, {config.MaxTokens} tokens; {stats})");
    }
}
