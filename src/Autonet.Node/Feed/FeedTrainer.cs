// Trains the node's local text JEPA on the live feed (issue 18): each batch the FeedBatcher releases (N new
// interactions) becomes full windows of MaxTokens ids, with no padding: the batch's tokens (each interaction BOS ..
// EOS) are laid end to end, cut into windows, and the last window is completed by wrapping to the stream's start, so
// every token of every new interaction is in a trained window. Windows go WindowsPerStep to a step (the last step's
// set completed by repeating windows); after the batch's steps the checkpoint is saved (atomically), and a restart
// resumes from it. Frames: not trained here (the image and fused models are VL-JEPA's); counted in the result.
using Autonet.Data.Feed;
using Autonet.Models.Jepa;
using Autonet.Training.Jepa;

namespace Autonet.Node.Feed;

/// <summary>One training step per WindowsPerStep windows of each feed batch, on a text JEPA kept in a checkpoint.</summary>
public sealed class FeedTrainer
{
    private readonly FeedBatchSource _source;
    private readonly JepaTrainer _trainer;

    /// <param name="checkpoint">The resumable checkpoint; loaded when it exists, written after each batch.</param>
    /// <param name="config">A text JEPA config (Modality.Text); its MaxTokens is the window length.</param>
    /// <param name="windowsPerStep">Windows in one step's batch (1..1024).</param>
    /// <param name="learningRate">Peak AdamW learning rate (after 10 warmup steps).</param>
    /// <param name="seed">Seed of a new model's init and of the masks.</param>
    /// <exception cref="ArgumentException">not a text config, or an option out of range</exception>
    public FeedTrainer(string checkpoint, JepaConfig config, int windowsPerStep = 8, float learningRate = 5e-4f, int seed = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpoint);
        ArgumentNullException.ThrowIfNull(config);
        if (config.Modality != Modality.Text)
        {
            throw new ArgumentException($"the feed trains a text JEPA; the config's modality is {config.Modality}", nameof(config));
        }
        if (windowsPerStep is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(windowsPerStep), windowsPerStep, "windows per feed step must be in 1..1024");
        }
        Checkpoint = checkpoint;
        _source = new FeedBatchSource(windowsPerStep, config);
        // An open-ended run: the cosine schedule spans a million steps, so the rate stays near its peak after warmup.
        var options = new TrainingOptions { Steps = 1_000_000, WarmupSteps = 10, BatchSize = windowsPerStep, LearningRate = learningRate, Seed = seed, MetricsEvery = 0 };
        _trainer = new JepaTrainer(new JepaModel(config, seed), _source, options);
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
    public FeedTrainingResult Train(FeedBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var windows = Windows(batch, Model.Config.MaxTokens);
        var losses = new List<float>();
        for (var start = 0; start < windows.Count; start += _source.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = Enumerable.Range(0, _source.Count).Select(i => windows[(start + i) % windows.Count]).ToList();
            _source.Load(step);
            losses.Add(_trainer.TrainStep().Loss);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(Checkpoint))!); // a full path always has a folder
        JepaCheckpoint.Save(Checkpoint, _trainer);
        return new FeedTrainingResult(batch.Interactions[0].Seq, batch.Interactions[^1].Seq, windows.Count, losses, _trainer.Step, batch.Frames.Count(f => f is not null));
    }

    /// <summary>The batch's real tokens end to end, cut into windows of <paramref name="tokens"/>, the last one wrapped to the start.</summary>
    public static IReadOnlyList<int[]> Windows(FeedBatch batch, int tokens)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var text = batch.Text;
        var stream = new List<int>();
        for (var b = 0; b < text.BatchSize; b++)
        {
            for (var s = 0; s < text.SeqLength; s++)
            {
                if (text.AttentionMask[(b * text.SeqLength) + s] != 0)
                {
                    stream.Add(text.TokenIds[(b * text.SeqLength) + s]);
                }
            }
        }
        var windows = new List<int[]>();
        for (var start = 0; start < stream.Count; start += tokens)
        {
            windows.Add([.. Enumerable.Range(start, tokens).Select(i => stream[i % stream.Count])]);
        }
        return windows;
    }
}
