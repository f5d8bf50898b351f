// The VL-JEPA encoder (seed 001 epic 6): the image encoder (ViT) and the text encoder (byte tokens) each read the kept
// positions of their own modality, then one fusion layer lets each side attend to the other by cross-attention
// (pre-norm, residual: v' = v + CA(LN v, LN t), t' = t + CA(LN t, LN v)). Positions index one joint sequence: patches
// 0..P-1, then text P..P+T-1, and every sample keeps the same number of each. A sample without an image (or text) is
// not run through that encoder: its tokens there are the learned "no image" ("no text") embedding, which is also what
// the other side's cross-attention reads. Not here: the loss, the predictor (JepaModel, VlJepaObjective).
// Legend: B batch, P patches, T text positions, Kv / Kt kept image / text tokens per sample, C width.
using Autonet.Tensors;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Modules;

namespace Autonet.Models.Jepa;

/// <summary>Image + text encoders fused by cross-attention: joint positions in, (B, Kv + Kt, C) fused tokens out.</summary>
public sealed class MultimodalTokenEncoder : ITokenEncoder
{
    private readonly ImageTokenEncoder _image;
    private readonly TextTokenEncoder _text;
    private readonly LayerNormLayer _imageQuery, _textContext, _textQuery, _imageContext;
    private readonly CrossAttention _imageFromText, _textFromImage;
    private int[] _visual = [], _textual = [];
    private int _batch, _kv, _kt;

    public MultimodalTokenEncoder(ParameterArena arena, JepaConfig config, string prefix)
    {
        ArgumentNullException.ThrowIfNull(arena);
        ArgumentNullException.ThrowIfNull(config);
        var c = config.Width;
        _image = new ImageTokenEncoder(arena, config, prefix + "image.");
        _text = new TextTokenEncoder(arena, config, prefix + "text.");
        NoImage = arena.Add(prefix + "no_image", [c], Tensors.Memory.Init.Zeros);
        NoText = arena.Add(prefix + "no_text", [c], Tensors.Memory.Init.Zeros);
        // Unit std, the scale of the encoders' layer-normed outputs they stand in for (0.02 would be ~50x smaller).
        Init.Gaussian(NoImage.Value, 1f, arena.Generator);
        Init.Gaussian(NoText.Value, 1f, arena.Generator);
        _imageQuery = new LayerNormLayer(arena, prefix + "fusion.image_norm", c);
        _textContext = new LayerNormLayer(arena, prefix + "fusion.text_context_norm", c);
        _imageFromText = new CrossAttention(arena, prefix + "fusion.image_from_text", c, c, config.Heads);
        _textQuery = new LayerNormLayer(arena, prefix + "fusion.text_norm", c);
        _imageContext = new LayerNormLayer(arena, prefix + "fusion.image_context_norm", c);
        _textFromImage = new CrossAttention(arena, prefix + "fusion.text_from_image", c, c, config.Heads);
        (Width, ImageTokens, Tokens) = (c, config.ImageTokens, config.Tokens);
    }

    /// <summary>The learned embedding that stands for a missing image, (C).</summary>
    public Parameter NoImage { get; }

    /// <summary>The learned embedding that stands for missing text, (C).</summary>
    public Parameter NoText { get; }

    public int Width { get; }

    /// <summary>Patch positions P (the joint sequence's first positions).</summary>
    public int ImageTokens { get; }

    public int Tokens { get; }

    /// <summary>The image side before fusion of the last forward, (B, Kv, C): one modality only.</summary>
    public Tensor? ImageSide { get; private set; }

    /// <summary>The text side before fusion of the last forward, (B, Kt, C): one modality only.</summary>
    public Tensor? TextSide { get; private set; }

    public Tensor Forward(JepaInput input, int[]? keep, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(arena);
        if (input.Images is null || input.Ids is null)
        {
            Errors.Argument(nameof(input), "a multimodal encoder needs images and token ids for every sample (flags say which are real)");
        }
        var b = input.Batch;
        var (keepImage, keepText) = SplitKeep(keep, b);
        _batch = b;
        _visual = [.. Enumerable.Range(0, b).Where(input.Visual)];
        _textual = [.. Enumerable.Range(0, b).Where(input.Textual)];
        var v = Side(arena, b, _kv, NoImage, _visual, keepImage, (rows, k) => _image.Forward(JepaInput.FromImages(SubImages(input.Images, rows)), k, arena));
        var t = Side(arena, b, _kt, NoText, _textual, keepText, (rows, k) => _text.Forward(JepaInput.FromIds(SubIds(input.Ids, rows, _text.Tokens), rows.Length), k, arena));
        (ImageSide, TextSide) = (v, t);
        var fusedImage = Residual(v, _imageFromText.Forward(_imageQuery.Forward(v, arena), _textContext.Forward(t, arena), arena), arena);
        var fusedText = Residual(t, _textFromImage.Forward(_textQuery.Forward(t, arena), _imageContext.Forward(v, arena), arena), arena);
        var joined = arena.Take(b, _kv + _kt, Width);
        Tensors.Ops.Tokens.Concat(fusedImage, fusedText, joined);
        return joined;
    }

    public void Backward(Tensor dy, ActivationArena arena) => Backward(dy, null, null, arena);

    /// <summary>
    /// Backward from dy (B, Kv + Kt, C) on the fused output plus optional extra gradients on the unfused sides
    /// (B, Kv, C) and (B, Kt, C) (a loss on <see cref="ImageSide"/> / <see cref="TextSide"/>).
    /// </summary>
    public void Backward(Tensor dy, Tensor? dImageSide, Tensor? dTextSide, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(dy);
        ArgumentNullException.ThrowIfNull(arena);
        var (v, t) = (ImageSide ?? throw new InvalidOperationException("MultimodalTokenEncoder.Backward called before Forward"), TextSide!);
        var (dFusedImage, dFusedText) = (arena.Take(v.Shape), arena.Take(t.Shape));
        Tensors.Ops.Tokens.Split(dy, dFusedImage, dFusedText);
        var (dv, dt) = (arena.Take(v.Shape), arena.Take(t.Shape));
        dFusedImage.Span.CopyTo(dv.Span); // the residual path: d(fused side) reaches the side as it is
        dFusedText.Span.CopyTo(dt.Span);
        var (dq, dContext) = _textFromImage.Backward(dFusedText, arena);
        _textQuery.Backward(dq, dt, accumulate: true);
        _imageContext.Backward(dContext, dv, accumulate: true);
        (dq, dContext) = _imageFromText.Backward(dFusedImage, arena);
        _imageQuery.Backward(dq, dv, accumulate: true);
        _textContext.Backward(dContext, dt, accumulate: true);
        AddIfGiven(dv, dImageSide);
        AddIfGiven(dt, dTextSide);
        SideBackward(dv, NoImage, _visual, arena, d => _image.Backward(d, arena));
        SideBackward(dt, NoText, _textual, arena, d => _text.Backward(d, arena));
    }

    // keep (B * K) joint positions -> (image positions (B * Kv), text positions (B * Kt) counted from 0); null keeps all.
    private (int[]? Image, int[]? Text) SplitKeep(int[]? keep, int b)
    {
        if (keep is null)
        {
            (_kv, _kt) = (ImageTokens, Tokens - ImageTokens);
            return (null, null);
        }
        if (keep.Length % b != 0)
        {
            Errors.Argument(nameof(keep), $"{keep.Length} kept positions do not split evenly over batch {b}");
        }
        var k = keep.Length / b;
        var kv = 0;
        while (kv < k && keep[kv] < ImageTokens)
        {
            kv++;
        }
        if (kv == 0 || kv == k)
        {
            Errors.Argument(nameof(keep), $"sample 0 keeps {kv} image and {k - kv} text positions; a multimodal sample keeps at least one of each (patches 0..{ImageTokens - 1} first, then text {ImageTokens}..{Tokens - 1})");
        }
        var (image, text) = (new int[b * kv], new int[b * (k - kv)]);
        for (var n = 0; n < b; n++)
        {
            for (var j = 0; j < k; j++)
            {
                var p = keep[(n * k) + j];
                if ((j < kv) != (p < ImageTokens) || (uint)p >= (uint)Tokens)
                {
                    Errors.Argument(nameof(keep), $"sample {n} position {j} is {p}: every sample keeps {kv} patches (< {ImageTokens}) then {k - kv} text positions ({ImageTokens}..{Tokens - 1})");
                }
                if (j < kv)
                {
                    image[(n * kv) + j] = p;
                }
                else
                {
                    text[(n * (k - kv)) + j - kv] = p - ImageTokens;
                }
            }
        }
        (_kv, _kt) = (kv, k - kv);
        return (image, text);
    }

    // (B, K, C): the encoder's output for the samples that have the modality, the learned "missing" embedding elsewhere.
    private Tensor Side(ActivationArena arena, int b, int k, Parameter missing, int[] rows, int[]? keep, Func<int[], int[]?, Tensor> encode)
    {
        var side = arena.Take(b, k, Width);
        var c = Width;
        for (var n = 0; n < b; n++)
        {
            for (var j = 0; j < k; j++)
            {
                missing.Value.CopyTo(side.Span.Slice(((n * k) + j) * c, c));
            }
        }
        if (rows.Length == 0)
        {
            return side;
        }
        var subKeep = keep is null ? null : rows.SelectMany(n => keep.AsSpan(n * k, k).ToArray()).ToArray();
        var encoded = encode(rows, subKeep); // (rows, K, C)
        for (var r = 0; r < rows.Length; r++)
        {
            encoded.Span.Slice(r * k * c, k * c).CopyTo(side.Span.Slice(rows[r] * k * c, k * c));
        }
        return side;
    }

    private static void SideBackward(Tensor d, Parameter missing, int[] rows, ActivationArena arena, Action<Tensor> backward)
    {
        var (b, k, c) = (d.Shape[0], d.Shape[1], d.Last);
        var present = new bool[b];
        foreach (var r in rows)
        {
            present[r] = true;
        }
        for (var n = 0; n < b; n++)
        {
            for (var j = 0; !present[n] && j < k; j++)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(missing.Grad, d.Span.Slice(((n * k) + j) * c, c), missing.Grad);
            }
        }
        if (rows.Length == 0)
        {
            return;
        }
        var sub = arena.Take(rows.Length, k, c);
        for (var r = 0; r < rows.Length; r++)
        {
            d.Span.Slice(rows[r] * k * c, k * c).CopyTo(sub.Span.Slice(r * k * c, k * c));
        }
        backward(sub);
    }

    private static Tensor Residual(Tensor x, Tensor update, ActivationArena arena)
    {
        var y = arena.Take(x.Shape);
        Tensors.Ops.Elementwise.Add(x, update, y);
        return y;
    }

    private static void AddIfGiven(Tensor d, Tensor? extra)
    {
        if (extra is null)
        {
            return;
        }
        extra.Expect("MultimodalTokenEncoder side gradient", d.Shape);
        System.Numerics.Tensors.TensorPrimitives.Add(d.Span, extra.Span, d.Span);
    }

    private static Tensor SubImages(Tensor images, int[] rows)
    {
        var per = images.Length / images.Shape[0];
        var shape = (int[])images.Shape.Clone();
        shape[0] = rows.Length;
        var sub = Tensor.Zeros(shape);
        for (var r = 0; r < rows.Length; r++)
        {
            images.Span.Slice(rows[r] * per, per).CopyTo(sub.Span.Slice(r * per, per));
        }
        return sub;
    }

    private static int[] SubIds(int[] ids, int[] rows, int tokens)
    {
        var sub = new int[rows.Length * tokens];
        for (var r = 0; r < rows.Length; r++)
        {
            ids.AsSpan(rows[r] * tokens, tokens).CopyTo(sub.AsSpan(r * tokens, tokens));
        }
        return sub;
    }
}
