// Token windows as text-JEPA batches: ids (B * T) and span masks (3-15 token spans, 15-25% of tokens), or another
// masker's (NextTurnMasker: the served K-vector query). Only full windows are used (TextTrainingDataSource pads only
// a document's single short window): the target encoder then never attends to padding, and every sample of a batch
// has the same number of real tokens.
using Autonet.Core.Randomness;
using Autonet.Models.Jepa;
using Autonet.Models.Masking;

namespace Autonet.Training.Jepa;

/// <summary>Text batches with span masks (or the given masker's) over full windows of MaxTokens ids.</summary>
public sealed class TextBatchSource : BatchSource
{
    private readonly IReadOnlyList<int[]> _windows;
    private readonly IMasker _masker;
    private readonly byte[] _full; // (T): every position real
    private readonly int _tokens;

    /// <param name="windows">Token windows of exactly MaxTokens ids.</param>
    /// <param name="config">The model's config.</param>
    /// <param name="masker">Masks of each sample [default: I-JEPA span masks, <see cref="TextMasker"/> at its defaults].</param>
    public TextBatchSource(IReadOnlyList<int[]> windows, JepaConfig config, IMasker? masker = null)
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
        _masker = masker ?? new TextMasker(new TextMaskConfig());
        _full = [.. Enumerable.Repeat((byte)1, _tokens)];
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
            sets[b] = _masker.Sample(_full, random);
        }
        return JepaMasks.FromSets(sets, random);
    }
}
