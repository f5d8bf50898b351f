// K-vectors of a context (seed 001: network encoders -> K-vectors -> local decoder). The text JEPA's context encoder
// reads the last T - K tokens of the context at positions [0, n); the predictor then predicts the embeddings of the K
// positions [n, n + K) that follow it, exactly the I-JEPA target query (mask tokens carrying only position). Those K
// predicted vectors of width D are the latent plan of what comes next. Deterministic: same weights, same context,
// same bytes at any thread count (Gemm's blocks are fixed by the shape, the other ops split rows; the predictor has no
// randomness), as the dispute rule needs (tests/Autonet.Cli.Tests/ThreadCountTests.cs). A VL-JEPA reads the same
// text at joint positions [P, P + n) beside all P patches of an optional image (without one, the learned "no image"
// embedding fills the patches, as for a text-only training sample), and predicts positions [P + n, P + n + K).
// Legend: T window tokens, K plan vectors, D = C encoder width, n context tokens used, P image patches (0 for text).
using Autonet.Data.Text;
using Autonet.Models.Jepa;
using Autonet.Tensors.Memory;

namespace Autonet.Inference.Encoders;

/// <summary>Computes the (K, D) K-vectors of a token context with a text JEPA's encoder and predictor.</summary>
public sealed class KVectorEncoder
{
    private readonly JepaModel _model;

    public KVectorEncoder(JepaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Config.Modality == Modality.Image)
        {
            Errors.Argument(nameof(model), $"K-vectors need a text JEPA or a VL-JEPA; this model is {ModelManifest.ArchitectureOf(model.Config.Modality)}");
        }
        _model = model;
        Shape = KVectorShape.Of(model.Config);
        if (Shape.K >= model.Config.MaxTokens)
        {
            Errors.Argument(nameof(model), $"K-vectors: k {Shape.K} leaves no text context in a window of max_tokens {model.Config.MaxTokens}; set k_vectors.k below max_tokens");
        }
    }

    public KVectorShape Shape { get; }

    /// <summary>Tokens of context the window holds before the K plan positions (T - K); older tokens are dropped.</summary>
    public int ContextTokens => _model.Config.MaxTokens - Shape.K;

    /// <summary>K-vectors (K * D floats, row-major) of the last <see cref="ContextTokens"/> ids of <paramref name="context"/>.</summary>
    /// <exception cref="ArgumentException">The context is empty or holds an id outside the vocabulary.</exception>
    public float[] Encode(ReadOnlySpan<int> context, ActivationArena arena) => Encode(context, null, arena);

    /// <summary>
    /// K-vectors of the context beside an image (ImageSize² grey pixels, standardized; a VL-JEPA only), or of the
    /// context alone when <paramref name="image"/> is null.
    /// </summary>
    /// <exception cref="ArgumentException">The context is empty or holds an id outside the vocabulary, or an image for a text JEPA, or pixels of another size.</exception>
    public float[] Encode(ReadOnlySpan<int> context, float[]? image, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(arena);
        var config = _model.Config;
        if (image is not null && (config.Modality != Modality.Multimodal || image.Length != config.ImageSize * config.ImageSize))
        {
            Errors.Argument(nameof(image), config.Modality != Modality.Multimodal
                ? "a text JEPA reads no image; send the image to a multimodal model"
                : $"{image.Length} pixels; the model reads {config.ImageSize}x{config.ImageSize} = {config.ImageSize * config.ImageSize}");
        }
        if (context.IsEmpty)
        {
            Errors.Argument(nameof(context), "a context needs at least one token");
        }
        var (t, k) = (_model.Config.MaxTokens, Shape.K);
        var used = context[Math.Max(0, context.Length - ContextTokens)..];
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
        var p = config.ImageTokens;
        int[] keep = [.. Enumerable.Range(0, p), .. Enumerable.Range(p, n)]; // all patches (none for text), then the context
        int[] targets = [.. Enumerable.Range(p + n, k)];
        arena.Reset();
        var input = config.Modality == Modality.Text ? JepaInput.FromIds(ids, 1)
            : JepaInput.FromPairs(Image(image, config.ImageSize), ids, [image is not null], [true], [n]);
        var encoded = _model.ContextEncoder.Forward(input, keep, arena); // (1, P + n, D)
        var plan = _model.PredictorNet.Forward(encoded, keep, targets, arena); // (1, K, D)
        return plan.ToArray();
    }

    // (1, 1, S, S): the image, or zeros that the "no image" flag keeps from being read.
    private static Tensors.Tensor Image(float[]? pixels, int side)
    {
        var tensor = Tensors.Tensor.Zeros(1, 1, side, side);
        pixels?.CopyTo(tensor.Span);
        return tensor;
    }
}
