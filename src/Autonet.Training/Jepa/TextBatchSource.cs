// Token windows as text-JEPA batches: ids (B * T) and span masks (3-15 token spans, 15-25% of tokens). Only full
// windows are used (TextTrainingDataSource pads only a document's single short window): the target encoder then
// never attends to padding, and every sample of a batch has the same number of real tokens.
using Autonet.Core.Randomness;
using Autonet.Models.Jepa;
using Autonet.Models.Masking;

namespace Autonet.Training.Jepa;

/// <summary>Text batches with span masks over full windows of MaxTokens ids.</summary>
public sealed class TextBatchSource : BatchSource
{
    private readonly IReadOnlyList<int[]> _windows;
    private readonly TextMasker _masker;
    private readonly int _tokens;

    public TextBatchSource(IReadOnlyList<int[]> windows, JepaConfig config, TextMaskConfig? masks = null)
        : base(windows?.Count ?? 0)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(config);
        _tokens = config.MaxTokens;
        for (var i = 0; i < windows.Count; i++)
        {
            if (windows[i].Length != _tokens)
            {
                Errors.Option("max_tokens", _tokens, $"window {i} has {windows[i].Length} ids; every window must have exactly max_tokens");
            }
        }
        _windows = windows;
        _masker = new TextMasker(masks ?? new TextMaskConfig());
    }

    public override JepaInput Input(ReadOnlySpan<int> indices)
    {
        var ids = new int[indices.Length * _tokens]; // (B * T)
        for (var i = 0; i < indices.Length; i++)
        {
            _windows[indices[i]].CopyTo(ids, i * _tokens);
        }
        return JepaInput.FromIds(ids, indices.Length);
    }

    public override JepaMasks Masks(int batchSize, SeededRandom random)
    {
        var sets = new MaskSet[batchSize];
        for (var b = 0; b < batchSize; b++)
        {
            sets[b] = _masker.Sample(_tokens, random);
        }
        return JepaMasks.FromSets(sets, random);
    }
}
