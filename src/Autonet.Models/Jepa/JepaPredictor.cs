// The I-JEPA predictor (Assran et al. 2023, §3 "Prediction"): a narrower transformer that reads the context
// tokens (projected C -> Cp, plus their positions) followed by one learned mask token per target position (plus that
// position's code), and returns its outputs at the mask tokens projected back to C. All target blocks share one pass:
// mask tokens carry only position, so letting them attend to each other leaks no target content.
// Legend: B batch, Kc context tokens, Kt target tokens, C encoder width, Cp predictor width.
using Autonet.Tensors;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Modules;
using Autonet.Tensors.Ops;

namespace Autonet.Models.Jepa;

/// <summary>Predicts target-position embeddings (B, Kt, C) from context embeddings (B, Kc, C).</summary>
public sealed class JepaPredictor
{
    private int[] _contextIndex = [];
    private int[] _targetIndex = [];
    private int _batch;

    public JepaPredictor(ParameterArena arena, JepaConfig config, string prefix = "predictor.")
    {
        ArgumentNullException.ThrowIfNull(arena);
        ArgumentNullException.ThrowIfNull(config);
        var cp = config.PredictorWidth;
        Embed = new LinearLayer(arena, prefix + "embed", config.Width, cp);
        MaskToken = arena.Add(prefix + "mask_token", [cp], Tensors.Memory.Init.TruncNormal02);
        Positions = config.Modality switch
        {
            Modality.Image => SinCos.TwoD(config.GridSize, config.GridSize, cp),
            Modality.Text => SinCos.OneD(config.MaxTokens, cp),
            _ => JointPositions(config, cp),
        };
        Trunk = new TransformerStack(arena, prefix, cp, config.PredictorDepth, config.PredictorHeads, config.MlpRatio);
        Proj = new LinearLayer(arena, prefix + "proj", cp, config.Width);
    }

    public LinearLayer Embed { get; }

    public Parameter MaskToken { get; }

    /// <summary>Fixed (T, Cp) position table: 2D sin-cos for image patches, 1D for text tokens, both in turn for multimodal.</summary>
    public Tensor Positions { get; }

    public TransformerStack Trunk { get; }

    public LinearLayer Proj { get; }

    /// <summary>context (B, Kc, C) at contextIndex (B * Kc) -> predictions (B, Kt, C) at targetIndex (B * Kt).</summary>
    public Tensor Forward(Tensor context, int[] contextIndex, int[] targetIndex, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(contextIndex);
        ArgumentNullException.ThrowIfNull(targetIndex);
        ArgumentNullException.ThrowIfNull(arena);
        var (b, kc) = (context.Shape[0], context.Shape[1]);
        if (contextIndex.Length != b * kc || targetIndex.Length % b != 0)
        {
            Errors.Argument(nameof(targetIndex), $"context {Errors.Shape(context.Shape)} needs {b * kc} context indices (got {contextIndex.Length}) and a multiple of {b} target indices (got {targetIndex.Length})");
        }
        var kt = targetIndex.Length / b;
        var cp = MaskToken.Length;
        (_contextIndex, _targetIndex, _batch) = (contextIndex, targetIndex, b);
        var z = Embed.Forward(context, arena); // (B, Kc, Cp)
        AddPositionRows(z, contextIndex);
        var m = arena.Take(b, kt, cp); // (B, Kt, Cp)
        for (var r = 0; r < b * kt; r++)
        {
            MaskToken.Value.CopyTo(m.Span.Slice(r * cp, cp));
        }
        AddPositionRows(m, targetIndex);
        var joined = arena.Take(b, kc + kt, cp);
        Tokens.Concat(z, m, joined);
        var h = Trunk.Forward(joined, arena); // (B, Kc + Kt, Cp)
        var hz = arena.Take(b, kc, cp);
        var ht = arena.Take(b, kt, cp);
        Tokens.Split(h, hz, ht);
        return Proj.Forward(ht, arena); // (B, Kt, C)
    }

    /// <summary>dPred (B, Kt, C) -> dContext (B, Kc, C); accumulates every predictor gradient.</summary>
    public Tensor Backward(Tensor dPred, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(arena);
        var (b, cp) = (_batch, MaskToken.Length);
        if (b == 0)
        {
            throw new InvalidOperationException("JepaPredictor.Backward called before Forward");
        }
        var (kc, kt) = (_contextIndex.Length / b, _targetIndex.Length / b);
        var dht = Proj.Backward(dPred, arena)!; // (B, Kt, Cp)
        var dhz = arena.TakeZeroed(b, kc, cp); // context outputs are not used by the loss
        var dh = arena.Take(b, kc + kt, cp);
        Tokens.Concat(dhz, dht, dh);
        var dj = Trunk.Backward(dh, arena);
        var dz = arena.Take(b, kc, cp);
        var dm = arena.Take(b, kt, cp);
        Tokens.Split(dj, dz, dm);
        Elementwise.AddBiasBackward(dm, MaskToken.GradTensor); // one shared mask token: sum over all its copies
        return Embed.Backward(dz, arena)!;
    }

    // A multimodal model's joint positions: the patch grid's 2D table (rows 0..P-1), then the text's 1D table (P..P+T-1).
    private static Tensor JointPositions(JepaConfig config, int cp)
    {
        var (image, text) = (SinCos.TwoD(config.GridSize, config.GridSize, cp), SinCos.OneD(config.MaxTokens, cp));
        var joint = Tensor.Zeros(image.Shape[0] + text.Shape[0], cp);
        image.Span.CopyTo(joint.Span);
        text.Span.CopyTo(joint.Span[image.Length..]);
        return joint;
    }

    // x (B, K, Cp) += Positions[index[r]] row by row; positions are fixed, so backward is the identity.
    private void AddPositionRows(Tensor x, int[] index)
    {
        var cp = x.Last;
        var tokens = Positions.Shape[0];
        for (var r = 0; r < index.Length; r++)
        {
            if ((uint)index[r] >= (uint)tokens)
            {
                Errors.Argument(nameof(index), $"position {index[r]} at {r} is outside [0, {tokens})");
            }
            var row = x.Span.Slice(r * cp, cp);
            System.Numerics.Tensors.TensorPrimitives.Add(row, Positions.Span.Slice(index[r] * cp, cp), row);
        }
    }
}
