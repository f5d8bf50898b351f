// K-vectors of a context (seed 001: network encoders -> K-vectors -> local decoder): the text JEPA's encoder (the EMA
// target encoder, the one embeddings use) reads the last T tokens of the context at positions [0, n), and its output
// at the last K of them is the plan, one vector per context token, the latest last; a context shorter than K leaves
// the leading vectors zero. A per-token plan lets the decoder read words of the context back (a reply here often
// starts with a name the question holds 17-35 bytes before it); the predictor's K predicted positions after the
// context measured worse (README: "K-vectors and the next turn"). Deterministic: same weights, same context, same
// bytes at any thread count (Gemm's blocks are fixed by the shape; every other op splits rows).
// Legend: T window tokens, K plan vectors, D = C encoder width, n context tokens used.
using Autonet.Data.Text;
using Autonet.Models.Jepa;
using Autonet.Tensors.Memory;

namespace Autonet.Inference.Encoders;

/// <summary>Computes the (K, D) K-vectors of a token context with a text JEPA's encoder.</summary>
public sealed class KVectorEncoder
{
    private readonly JepaModel _model;

    public KVectorEncoder(JepaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Config.Modality != Modality.Text)
        {
            Errors.Argument(nameof(model), $"K-vectors need a text JEPA; this model is {ModelManifest.ArchitectureOf(model.Config.Modality)}");
        }
        _model = model;
        Shape = KVectorShape.Of(model.Config);
    }

    public KVectorShape Shape { get; }

    /// <summary>Tokens of context the encoder reads (its window T); older tokens are dropped.</summary>
    public int ContextTokens => _model.Config.MaxTokens;

    /// <summary>K-vectors (K * D floats, row-major) of the last <see cref="ContextTokens"/> ids of <paramref name="context"/>.</summary>
    /// <exception cref="ArgumentException">The context is empty or holds an id outside the vocabulary.</exception>
    public float[] Encode(ReadOnlySpan<int> context, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(arena);
        if (context.IsEmpty)
        {
            Errors.Argument(nameof(context), "a context needs at least one token");
        }
        var (t, k, d) = (_model.Config.MaxTokens, Shape.K, Shape.D);
        var used = context[Math.Max(0, context.Length - t)..];
        var n = used.Length;
        var ids = new int[t]; // (T): context, then PAD; PAD positions are never kept, so they are never attended to
        for (var i = 0; i < n; i++)
        {
            if ((uint)used[i] >= (uint)_model.Config.Vocab)
            {
                Errors.Argument(nameof(context), $"token id {used[i]} at {i} is outside the vocabulary 0..{_model.Config.Vocab - 1}");
            }
            ids[i] = used[i];
        }
        for (var i = n; i < t; i++)
        {
            ids[i] = ByteTokenizer.Pad;
        }
        int[] keep = [.. Enumerable.Range(0, n)];
        arena.Reset();
        var encoded = _model.TargetEncoder.Forward(JepaInput.FromIds(ids, 1), keep, arena).Span; // (1, n, D)
        var plan = new float[k * d]; // (K, D)
        var rows = Math.Min(k, n);
        encoded.Slice((n - rows) * d, rows * d).CopyTo(plan.AsSpan((k - rows) * d));
        return plan;
    }
}
