// VL-JEPA's prediction rows for one batch (seed 001 epic 6; I-JEPA §3 for the masked part): the semantic predictor's
// outputs at the masked patches and masked text spans, predicted from the fused context, and one cross-modal row per
// direction for every sample that has both modalities: a head on the pooled unfused image side predicts the pooled
// target text embedding, and one on the text side the pooled target image embedding (VL-JEPA, Chen et al. 2025).
// Rows of a modality a sample lacks are dropped, so every row left is a real prediction in the shared embedding space,
// and one rule (smooth L1, or the verifier's cosine) scores them whatever the batch holds. Rows are laid out as
// [image masked | text masked | image->text | text->image]. Legend: B batch, Kt target positions, M paired samples.
using Autonet.Tensors;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Modules;

namespace Autonet.Models.Jepa;

/// <summary>Gathers a multimodal batch's prediction rows and sends their gradient back through heads and predictor.</summary>
internal sealed class VlJepaObjective
{
    private int[] _rows = []; // masked rows kept, as indices into (B * Kt), image rows first
    private int[] _paired = []; // samples with both modalities
    private int _batch, _targets, _kv, _kt;

    public VlJepaObjective(ParameterArena predictor, JepaConfig config, string prefix)
    {
        var hidden = (int)(config.MlpRatio * config.Width);
        ImageToText = new Mlp(predictor, prefix + "image_to_text", config.Width, hidden);
        TextToImage = new Mlp(predictor, prefix + "text_to_image", config.Width, hidden);
        Width = config.Width;
        if (config.LearnedTemperature) // last, and zeros: no draw from the arena's generator, so every other weight is as without it
        {
            LogitScale = predictor.Add(prefix + "alignment.logit_scale", [1], Tensors.Memory.Init.Zeros);
            LogitScale.Value[0] = MathF.Log(1f / config.EffectiveTemperature);
        }
    }

    /// <summary>CLIP's ln(1/tau) when the temperature is learned (<see cref="JepaConfig.LearnedTemperature"/>), else null.</summary>
    public Parameter? LogitScale { get; }

    /// <summary>The InfoNCE temperature now: 1 / e^LogitScale, at least <see cref="JepaConfig.MinLearnedTemperature"/>, or the config's fixed one.</summary>
    public float Temperature(JepaConfig config) => LogitScale is { } p ? MathF.Max(MathF.Exp(-p.Value[0]), JepaConfig.MinLearnedTemperature) : config.EffectiveTemperature;

    public Mlp ImageToText { get; }

    public Mlp TextToImage { get; }

    public int Width { get; }

    /// <summary>Masked image rows of the last batch.</summary>
    public int ImageRows { get; private set; }

    /// <summary>Masked text rows of the last batch.</summary>
    public int TextRows { get; private set; }

    /// <summary>Samples of the last batch with both modalities (each gives one row per direction).</summary>
    public int Pairs => _paired.Length;

    /// <summary>The batch positions of those samples, in row order.</summary>
    public ReadOnlySpan<int> PairedSamples => _paired;

    /// <summary>Compact (1, R, C) predictions and targets (see the file header for the row layout).</summary>
    public (Tensor Prediction, Tensor Target) Rows(JepaInput input, JepaMasks masks, Tensor pred, Tensor targets, MultimodalTokenEncoder context, MultimodalTokenEncoder target, ActivationArena arena)
    {
        var (b, kt, c) = (pred.Shape[0], pred.Shape[1], Width);
        var image = new List<int>();
        var text = new List<int>();
        for (var r = 0; r < b * kt; r++)
        {
            var isImage = masks.Targets[r] < context.ImageTokens;
            if (isImage && input.Visual(r / kt))
            {
                image.Add(r);
            }
            else if (!isImage && input.Textual(r / kt))
            {
                text.Add(r);
            }
        }
        (_rows, ImageRows, TextRows) = ([.. image, .. text], image.Count, text.Count);
        _paired = [.. Enumerable.Range(0, b).Where(n => input.Visual(n) && input.Textual(n))];
        (_batch, _targets, _kv, _kt) = (b, kt, context.ImageSide!.Shape[1], context.TextSide!.Shape[1]);
        var m = _paired.Length;
        var rows = _rows.Length + (2 * m);
        var outPred = arena.Take(1, rows, c);
        var outTarget = arena.Take(1, rows, c);
        for (var i = 0; i < _rows.Length; i++)
        {
            pred.Span.Slice(_rows[i] * c, c).CopyTo(outPred.Span.Slice(i * c, c));
            targets.Span.Slice(_rows[i] * c, c).CopyTo(outTarget.Span.Slice(i * c, c));
        }
        if (m > 0)
        {
            var toText = ImageToText.Forward(Pool(context.ImageSide, null, arena), arena); // (M, C)
            var toImage = TextToImage.Forward(Pool(context.TextSide, null, arena), arena);
            toText.Span.CopyTo(outPred.Span.Slice(_rows.Length * c, m * c));
            toImage.Span.CopyTo(outPred.Span.Slice((_rows.Length + m) * c, m * c));
            JepaModel.NormalizeRows(Pool(target.TextSide!, input.TextLengths, arena), new Tensor(outTarget.Data, outTarget.Offset + (_rows.Length * c), m, c), arena);
            JepaModel.NormalizeRows(Pool(target.ImageSide!, null, arena), new Tensor(outTarget.Data, outTarget.Offset + ((_rows.Length + m) * c), m, c), arena);
        }
        return (outPred, outTarget);
    }

    /// <summary>
    /// Retrieval embeddings of fully paired samples after both encoders ran on whole inputs (keep null): image queries
    /// (the image head's prediction of the text embedding), text keys (pooled, layer-normed target text), text queries
    /// and image keys, each (B, C). Each depends on one modality only: the sides are read before fusion.
    /// </summary>
    public (Tensor ImageQuery, Tensor TextKey, Tensor TextQuery, Tensor ImageKey) Embeddings(JepaInput input, MultimodalTokenEncoder context, MultimodalTokenEncoder target, ActivationArena arena)
    {
        var b = input.Batch;
        _paired = [.. Enumerable.Range(0, b)];
        if (_paired.Any(n => !input.Visual(n) || !input.Textual(n)))
        {
            Errors.Argument(nameof(input), "retrieval embeddings need every sample with both its image and its text");
        }
        var imageQuery = ImageToText.Forward(Pool(context.ImageSide!, null, arena), arena);
        var textQuery = TextToImage.Forward(Pool(context.TextSide!, input.TextLengths, arena), arena);
        var (textKey, imageKey) = (arena.Take(b, Width), arena.Take(b, Width));
        JepaModel.NormalizeRows(Pool(target.TextSide!, input.TextLengths, arena), textKey, arena);
        JepaModel.NormalizeRows(Pool(target.ImageSide!, null, arena), imageKey, arena);
        return (imageQuery, textKey, textQuery, imageKey);
    }

    /// <summary>dRows (1, R, C) -> dPred (B, Kt, C) for the predictor, and the side gradients (B, Kv, C), (B, Kt', C) for the encoder.</summary>
    public (Tensor DPred, Tensor? DImageSide, Tensor? DTextSide) Backward(Tensor dRows, ActivationArena arena)
    {
        var c = Width;
        var dPred = arena.TakeZeroed(_batch, _targets, c);
        for (var i = 0; i < _rows.Length; i++)
        {
            dRows.Span.Slice(i * c, c).CopyTo(dPred.Span.Slice(_rows[i] * c, c));
        }
        var m = _paired.Length;
        if (m == 0)
        {
            return (dPred, null, null);
        }
        var dToText = new Tensor(dRows.Data, dRows.Offset + (_rows.Length * c), m, c);
        var dToImage = new Tensor(dRows.Data, dRows.Offset + ((_rows.Length + m) * c), m, c);
        var dImage = Spread(ImageToText.Backward(dToText, arena), _kv, arena);
        var dText = Spread(TextToImage.Backward(dToImage, arena), _kt, arena);
        return (dPred, dImage, dText);
    }

    // side (B, K, C) -> (M, C): the mean over each paired sample's first `lengths[n]` tokens (all K when null).
    private Tensor Pool(Tensor side, int[]? lengths, ActivationArena arena)
    {
        var (k, c) = (side.Shape[1], side.Last);
        var pooled = arena.TakeZeroed(_paired.Length, c);
        for (var i = 0; i < _paired.Length; i++)
        {
            var n = _paired[i];
            var count = Math.Clamp(lengths?[n] ?? k, 1, k);
            var row = pooled.Span.Slice(i * c, c);
            for (var j = 0; j < count; j++)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(row, side.Span.Slice(((n * k) + j) * c, c), row);
            }
            System.Numerics.Tensors.TensorPrimitives.Multiply(row, 1f / count, row);
        }
        return pooled;
    }

    // dPooled (M, C) -> (B, K, C): each paired sample's row spread evenly over its K context tokens (mean-pool backward).
    private Tensor Spread(Tensor dPooled, int k, ActivationArena arena)
    {
        var c = Width;
        var d = arena.TakeZeroed(_batch, k, c);
        for (var i = 0; i < _paired.Length; i++)
        {
            for (var j = 0; j < k; j++)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(dPooled.Span.Slice(i * c, c), 1f / k, d.Span.Slice(((_paired[i] * k) + j) * c, c));
            }
        }
        return d;
    }
}
