// The live feed's batches as a JEPA batch source: a fixed number of full token windows, replaced before each step.
// BatchSource visits a seeded permutation of Count samples per step when the batch size equals Count, so every
// window loaded for a step is trained on exactly once in it. Masks are the text JEPA's span masks (TextBatchSource).
using Autonet.Core.Randomness;
using Autonet.Models.Jepa;
using Autonet.Training.Jepa;

namespace Autonet.Node.Feed;

/// <summary>Holds the windows of the current feed step.</summary>
internal sealed class FeedBatchSource : BatchSource
{
    private readonly JepaConfig _config;
    private TextBatchSource? _current;

    public FeedBatchSource(int windowsPerStep, JepaConfig config)
        : base(windowsPerStep) => _config = config;

    /// <summary>The next step's windows: exactly Count, each of MaxTokens ids.</summary>
    public void Load(IReadOnlyList<int[]> windows)
    {
        if (windows.Count != Count)
        {
            throw new ArgumentException($"a feed step takes exactly {Count} windows, got {windows.Count}", nameof(windows));
        }
        _current = new TextBatchSource(windows, _config);
    }

    public override JepaInput Input(ReadOnlySpan<int> indices) => Current.Input(indices);

    public override JepaMasks Masks(int batchSize, SeededRandom random) => Current.Masks(batchSize, random);

    private TextBatchSource Current => _current ?? throw new InvalidOperationException("no feed batch loaded: call Load before a step");
}
