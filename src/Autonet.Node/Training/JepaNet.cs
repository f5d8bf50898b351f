// A compact I-JEPA (Assran et al. 2023, §3) built directly on Autonet.Tensors: ViT context encoder, narrower
// transformer predictor reading context tokens plus one mask token per target position, EMA target encoder, and
// smooth L1 to the layer-normed (no affine) target outputs. It predates Autonet.Models.Jepa (which adds VICReg
// anti-collapse terms); JepaTrainer only uses this class, so it can be swapped for JepaModel without protocol changes.
using Autonet.Tensors;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Modules;
using Autonet.Tensors.Ops;
using TensorInit = Autonet.Tensors.Memory.Init;

namespace Autonet.Node.Training;

/// <summary>Encoder, predictor and target arenas of one I-JEPA; forward/backward over one masked batch.</summary>
internal sealed class JepaNet
{
    private readonly Tensor _positions;
    private int[] _context = [];
    private int[] _targets = [];

    public JepaNet(JepaNetConfig config)
    {
        Config = config;
        var vit = new VitConfig(config.ImageSize, config.PatchSize, 1, config.Width, config.Depth, config.Heads, config.MlpRatio);
        Encoder = new ParameterArena(config.Seed);
        ContextEncoder = new VitEncoder(Encoder, vit, "encoder.");
        Predictor = new ParameterArena(config.Seed + 1);
        Embed = new LinearLayer(Predictor, "predictor.embed", config.Width, config.PredictorWidth);
        MaskToken = Predictor.Add("predictor.mask_token", [config.PredictorWidth], TensorInit.TruncNormal02);
        Trunk = new TransformerStack(Predictor, "predictor.", config.PredictorWidth, config.PredictorDepth, config.PredictorHeads, config.MlpRatio);
        Proj = new LinearLayer(Predictor, "predictor.proj", config.PredictorWidth, config.Width);
        Target = new ParameterArena(config.Seed);
        TargetEncoder = new VitEncoder(Target, vit, "encoder.");
        Target.CopyFrom(Encoder);
        _positions = SinCos.TwoD(config.Grid, config.Grid, config.PredictorWidth);
    }

    public JepaNetConfig Config { get; }

    public ParameterArena Encoder { get; }

    public ParameterArena Predictor { get; }

    public ParameterArena Target { get; }

    public VitEncoder ContextEncoder { get; }

    public VitEncoder TargetEncoder { get; }

    private LinearLayer Embed { get; }

    private Parameter MaskToken { get; }

    private TransformerStack Trunk { get; }

    private LinearLayer Proj { get; }

    /// <summary>Every parameter value in a fixed order: encoder, predictor, target (the delta's flat layout).</summary>
    public int ParameterCount => Encoder.Count + Predictor.Count + Target.Count;

    /// <summary>Smooth-L1 JEPA loss of one batch; with <paramref name="train"/> also accumulates gradients.</summary>
    public float Step(Tensor images, int[] context, int[] targets, ActivationArena arena, bool train)
    {
        var (pred, target) = Predict(images, context, targets, arena);
        if (!train)
        {
            return Loss.SmoothL1(pred, target, null);
        }

        var (b, kc, kt, cp) = (images.Shape[0], context.Length / images.Shape[0], targets.Length / images.Shape[0], Config.PredictorWidth);
        var dPred = arena.Take(pred.Shape);
        var loss = Loss.SmoothL1(pred, target, dPred);
        var dht = Proj.Backward(dPred, arena)!;
        var dh = arena.Take(b, kc + kt, cp);
        Tokens.Concat(arena.TakeZeroed(b, kc, cp), dht, dh);
        var dj = Trunk.Backward(dh, arena);
        var dz = arena.Take(b, kc, cp);
        var dm = arena.Take(b, kt, cp);
        Tokens.Split(dj, dz, dm);
        Elementwise.AddBiasBackward(dm, MaskToken.GradTensor);
        ContextEncoder.Backward(Embed.Backward(dz, arena)!, arena);
        return loss;
    }

    /// <summary>
    /// Loss and the seeds' verification score of one batch, no gradients: the smooth-L1 loss and the sum over target
    /// positions of cosine(prediction, layer-normed target) (summed so callers average over all positions in order).
    /// </summary>
    public (float Loss, double CosineSum, int Positions) Evaluate(Tensor images, int[] context, int[] targets, ActivationArena arena)
    {
        var (pred, target) = Predict(images, context, targets, arena);
        var rows = pred.Length / pred.Last;
        var cos = arena.Take(rows);
        Cosine.Forward(pred.Reshape(rows, pred.Last), target.Reshape(rows, target.Last), cos);
        var sum = 0.0;
        foreach (var c in cos.Span)
        {
            sum += c;
        }
        return (Loss.SmoothL1(pred, target, null), sum, rows);
    }

    // Predictions (B, Kt, C) and layer-normed target-encoder outputs (B, Kt, C) at the target positions.
    private (Tensor Prediction, Tensor Target) Predict(Tensor images, int[] context, int[] targets, ActivationArena arena)
    {
        var b = images.Shape[0];
        var (kc, kt, c, cp) = (context.Length / b, targets.Length / b, Config.Width, Config.PredictorWidth);
        var full = TargetEncoder.Forward(images, arena);
        var normed = arena.Take(full.Shape);
        var gamma = arena.Take(c);
        gamma.Span.Fill(1f);
        LayerNorm.Forward(full, gamma, arena.TakeZeroed(c), normed, arena.Take(full.Rows), arena.Take(full.Rows));
        var target = arena.Take(b, kt, c);
        Tokens.Gather(normed, targets, target);

        var ctx = ContextEncoder.Forward(images, arena, context);
        (_context, _targets) = (context, targets);
        var z = Embed.Forward(ctx, arena);
        AddPositions(z, context);
        var m = arena.Take(b, kt, cp);
        for (var r = 0; r < b * kt; r++)
        {
            MaskToken.Value.CopyTo(m.Span.Slice(r * cp, cp));
        }
        AddPositions(m, targets);
        var joined = arena.Take(b, kc + kt, cp);
        Tokens.Concat(z, m, joined);
        var h = Trunk.Forward(joined, arena);
        var hz = arena.Take(b, kc, cp);
        var ht = arena.Take(b, kt, cp);
        Tokens.Split(h, hz, ht);
        return (Proj.Forward(ht, arena), target);
    }

    /// <summary>Mean-pooled target-encoder features (B, C) for a linear probe.</summary>
    public Tensor Features(Tensor images, ActivationArena arena)
    {
        var tokens = TargetEncoder.Forward(images, arena);
        var pooled = arena.Take(images.Shape[0], Config.Width);
        Tokens.MeanPool(tokens, pooled);
        return pooled;
    }

    /// <summary>Copies every value into one flat array (encoder, predictor, target).</summary>
    public float[] Flatten()
    {
        var flat = new float[ParameterCount];
        Encoder.Values.CopyTo(flat, 0);
        Predictor.Values.CopyTo(flat, Encoder.Count);
        Target.Values.CopyTo(flat, Encoder.Count + Predictor.Count);
        return flat;
    }

    /// <summary>Overwrites every value from a flat array in <see cref="Flatten"/>'s order.</summary>
    public void Unflatten(ReadOnlySpan<float> flat)
    {
        flat[..Encoder.Count].CopyTo(Encoder.Values);
        flat.Slice(Encoder.Count, Predictor.Count).CopyTo(Predictor.Values);
        flat.Slice(Encoder.Count + Predictor.Count, Target.Count).CopyTo(Target.Values);
    }

    private void AddPositions(Tensor x, int[] index)
    {
        var cp = x.Last;
        for (var r = 0; r < index.Length; r++)
        {
            var row = x.Span.Slice(r * cp, cp);
            System.Numerics.Tensors.TensorPrimitives.Add(row, _positions.Span.Slice(index[r] * cp, cp), row);
        }
    }
}
