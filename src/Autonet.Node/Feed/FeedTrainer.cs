// Trains the node's local model on the live feed (issue 18), one loop whatever the batch holds. A text JEPA: each
// batch's tokens (each interaction BOS .. EOS) are laid end to end and cut into full windows of MaxTokens ids, the
// last completed by wrapping to the stream's start, so every token of every new interaction is trained, with no
// padding. A VL-JEPA (Modality.Multimodal): each window, cut to MaxTokens, is one sample with its frame (a pair) or
// without (text-only), and each unpaired new frame one visual-only sample; one loss covers all three and its parts
// are reported per modality. Samples go SamplesPerStep to a step (the last step's set completed by repeating
// samples); after the batch's steps the checkpoint is saved (atomically), and a restart resumes from it.
using Autonet.Data.Feed;
using Autonet.Models.Jepa;
using Autonet.Training.Jepa;

namespace Autonet.Node.Feed;

/// <summary>One training step per SamplesPerStep samples of each feed batch, on a JEPA kept in a checkpoint.</summary>
public sealed class FeedTrainer
{
    private readonly FeedBatchSource? _text;
    private readonly FeedPairSource? _pairs;
    private readonly JepaTrainer _trainer;

    /// <param name="checkpoint">The resumable checkpoint; loaded when it exists, written after each batch.</param>
    /// <param name="config">A text JEPA (Modality.Text) or VL-JEPA (Modality.Multimodal, ImageSize = the feed's frame_size) config; MaxTokens is the window length.</param>
    /// <param name="windowsPerStep">Samples in one step's batch (1..1024).</param>
    /// <param name="learningRate">Peak AdamW learning rate (after 10 warmup steps).</param>
    /// <param name="seed">Seed of a new model's init and of the masks.</param>
    /// <exception cref="ArgumentException">an image-only config, or an option out of range</exception>
    public FeedTrainer(string checkpoint, JepaConfig config, int windowsPerStep = 8, float learningRate = 5e-4f, int seed = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpoint);
        ArgumentNullException.ThrowIfNull(config);
        if (config.Modality == Modality.Image)
        {
            throw new ArgumentException("the feed trains a text JEPA or a VL-JEPA (text, frames and pairs); the config's modality is Image", nameof(config));
        }
        if (windowsPerStep is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(windowsPerStep), windowsPerStep, "windows per feed step must be in 1..1024");
        }
        Checkpoint = checkpoint;
        BatchSource source = config.Modality == Modality.Text ? _text = new FeedBatchSource(windowsPerStep, config) : _pairs = new FeedPairSource(windowsPerStep, config);
        // An open-ended run: the cosine schedule spans a million steps, so the rate stays near its peak after warmup.
        var options = new TrainingOptions { Steps = 1_000_000, WarmupSteps = 10, BatchSize = windowsPerStep, LearningRate = learningRate, Seed = seed, MetricsEvery = 0 };
        _trainer = new JepaTrainer(new JepaModel(config, seed), source, options);
        if (File.Exists(checkpoint))
        {
            JepaCheckpoint.Resume(checkpoint, _trainer);
        }
    }

    public string Checkpoint { get; }

    public JepaModel Model => _trainer.Model;

    /// <summary>Steps taken over the model's life (resumed from the checkpoint).</summary>
    public int Steps => _trainer.Step;

    /// <summary>Trains on one feed batch and saves the checkpoint; returns what was trained.</summary>
    /// <exception cref="ArgumentException">a frame's size is not the model's image size</exception>
    public FeedTrainingResult Train(FeedBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (first, last) = batch.Interactions.Count == 0 ? (0L, 0L) : (batch.Interactions[0].Seq, batch.Interactions[^1].Seq);
        var windows = batch.Text?.BatchSize ?? 0;
        FeedTrainingResult result;
        if (_pairs is not null)
        {
            var samples = FeedSamples.Of(batch, Model.Config);
            var steps = Run(samples, s => _pairs.Load(s), cancellationToken);
            result = new FeedTrainingResult(first, last, windows, [.. steps.Select(s => s.Loss)], _trainer.Step, batch.Paired)
            {
                Paired = samples.Count(s => s.HasText && s.HasVisual),
                TextOnly = samples.Count(s => !s.HasVisual),
                VisualOnly = samples.Count(s => !s.HasText),
                ImageLoss = Mean(steps.Select(s => s.Parts?.Image)),
                TextLoss = Mean(steps.Select(s => s.Parts?.Text)),
                CrossModalLoss = Mean(steps.Select(s => s.Parts?.CrossModal)),
            };
        }
        else
        {
            var packed = Windows(batch, Model.Config.MaxTokens);
            var steps = Run(packed, s => _text!.Load(s), cancellationToken); // a text config built _text
            result = new FeedTrainingResult(first, last, packed.Count, [.. steps.Select(s => s.Loss)], _trainer.Step, batch.Paired);
        }
        if (result.Losses.Count > 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(Checkpoint))!); // a full path always has a folder
            JepaCheckpoint.Save(Checkpoint, _trainer);
        }
        return result;
    }

    /// <summary>The batch's real tokens end to end, cut into windows of <paramref name="tokens"/>, the last one wrapped to the start.</summary>
    public static IReadOnlyList<int[]> Windows(FeedBatch batch, int tokens)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var stream = batch.Text is null ? [] : FeedSamples.RealTokens(batch.Text).SelectMany(w => w).ToList();
        var windows = new List<int[]>();
        for (var start = 0; start < stream.Count; start += tokens)
        {
            windows.Add([.. Enumerable.Range(start, tokens).Select(i => stream[i % stream.Count])]);
        }
        return windows;
    }

    // One step per Count items, the last set completed by wrapping to the first items.
    private List<StepResult> Run<T>(IReadOnlyList<T> items, Action<IReadOnlyList<T>> load, CancellationToken cancellationToken)
    {
        var count = _trainer.Data.Count;
        var steps = new List<StepResult>();
        for (var start = 0; start < items.Count; start += count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            load([.. Enumerable.Range(0, count).Select(i => items[(start + i) % items.Count])]);
            steps.Add(_trainer.TrainStep());
        }
        return steps;
    }

    private static float? Mean(IEnumerable<float?> values)
    {
        var present = values.Where(v => v is not null).Select(v => v!.Value).ToList(); // non-null by the filter
        return present.Count == 0 ? null : present.Average();
    }
}
