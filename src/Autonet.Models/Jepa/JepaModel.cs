// A whole JEPA (I-JEPA, Assran et al. 2023, §3): online context encoder and predictor (trained by AdamW), and an
// EMA target encoder with the same layout. Loss: smooth L1 (beta 1) between predictions and the layer-normed
// (no affine) target-encoder outputs at every target position. Three arenas: encoder (trained), predictor (trained)
// and target (EMA of the encoder), so the EMA is one fused pass and a delta covers exactly the trained weights.
// A multimodal model (VL-JEPA) adds fusion to the encoder and cross-modal heads to the predictor (VlJepaObjective).
using Autonet.Tensors;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Ops;
using Autonet.Tensors.Optim;

namespace Autonet.Models.Jepa;

/// <summary>I-JEPA or text JEPA with forward + backward through encoder, predictor and loss.</summary>
public sealed class JepaModel
{
    public const string EncoderPrefix = "encoder.";
    public const string PredictorPrefix = "predictor.";
    public const string TargetPrefix = "target.";

    private readonly VlJepaObjective? _crossModal;
    private Tensor? _lastContext;
    private SigReg? _sigReg;

    public JepaModel(JepaConfig config, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Seed = seed;
        Encoder = new ParameterArena(seed);
        ContextEncoder = Build(Encoder, config);
        Predictor = new ParameterArena(seed + 1);
        PredictorNet = new JepaPredictor(Predictor, config, PredictorPrefix);
        _crossModal = config.Modality == Modality.Multimodal ? new VlJepaObjective(Predictor, config, PredictorPrefix) : null;
        KeyQueues = config.AlignmentQueue > 0
            ? [("text_keys", new KeyQueue(config.AlignmentQueue, config.Width)), ("image_keys", new KeyQueue(config.AlignmentQueue, config.Width))]
            : [];
        Target = new ParameterArena(seed);
        TargetEncoder = Build(Target, config);
        Target.CopyFrom(Encoder);
    }

    public JepaConfig Config { get; }

    public int Seed { get; }

    /// <summary>Trained encoder weights, names "encoder.*".</summary>
    public ParameterArena Encoder { get; }

    /// <summary>Trained predictor weights, names "predictor.*".</summary>
    public ParameterArena Predictor { get; }

    /// <summary>EMA of <see cref="Encoder"/>, same names (a checkpoint stores them as "target.encoder.*").</summary>
    public ParameterArena Target { get; }

    public ITokenEncoder ContextEncoder { get; }

    public ITokenEncoder TargetEncoder { get; }

    public JepaPredictor PredictorNet { get; }

    /// <summary>
    /// InfoNCE queues (image->text's text keys, text->image's image keys) when <see cref="JepaConfig.AlignmentQueue"/>
    /// is set; training state that a checkpoint saves, not weights. Empty otherwise.
    /// </summary>
    public IReadOnlyList<(string Name, KeyQueue Queue)> KeyQueues { get; }

    /// <summary>A multimodal model's losses by part in the last <see cref="ForwardBackward"/> (null for one modality).</summary>
    public VlJepaLosses? LastLosses { get; private set; }

    /// <summary>
    /// Forward and backward for one batch: returns the mean smooth-L1 loss and accumulates gradients into
    /// <see cref="Encoder"/> and <see cref="Predictor"/> (the caller zeroes them). The target encoder gets none.
    /// </summary>
    public float ForwardBackward(JepaInput input, JepaMasks masks, ActivationArena arena)
    {
        if (_crossModal is not null)
        {
            return ForwardBackwardMultimodal(input, masks, arena, _crossModal);
        }
        var (pred, target) = Predict(input, masks, arena);
        var dPred = arena.Take(pred.Shape);
        var loss = Loss.SmoothL1(pred, target, dPred);
        var dContext = PredictorNet.Backward(dPred, arena); // (B, Kc, C)
        if (Config.VarianceWeight > 0 || Config.CovarianceWeight > 0 || Config.InvarianceWeight > 0 || Config.SigRegWeight > 0)
        {
            loss += Regularize(_lastContext!, dContext, arena); // set by Predict just above
        }
        ContextEncoder.Backward(dContext, arena);
        return loss;
    }

    /// <summary>Loss only (no gradients), for validation.</summary>
    public float Evaluate(JepaInput input, JepaMasks masks, ActivationArena arena)
    {
        var (pred, target) = Predict(input, masks, arena);
        return Loss.SmoothL1(pred, target, null);
    }

    /// <summary>Predictions (B, Kt, C) and layer-normed target embeddings (B, Kt, C) at the target positions.</summary>
    public (Tensor Prediction, Tensor Target) Predict(JepaInput input, JepaMasks masks, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentNullException.ThrowIfNull(arena);
        if (masks.Batch != input.Batch)
        {
            Errors.Argument(nameof(masks), $"masks are for batch {masks.Batch}, the input has {input.Batch}");
        }
        var full = TargetEncoder.Forward(input, null, arena); // (B, T, C)
        var normed = arena.Take(full.Shape);
        NormalizeRows(full, normed, arena); // I-JEPA: h = F.layer_norm(h, (C,))
        var target = arena.Take(input.Batch, masks.TargetsPerSample, Config.Width);
        Tokens.Gather(normed, masks.Targets, target);
        var context = ContextEncoder.Forward(input, masks.Context, arena); // (B, Kc, C)
        _lastContext = context;
        var pred = PredictorNet.Forward(context, masks.Context, masks.Targets, arena);
        return _crossModal is null
            ? (pred, target)
            : _crossModal.Rows(input, masks, pred, target, (MultimodalTokenEncoder)ContextEncoder, (MultimodalTokenEncoder)TargetEncoder, arena);
    }

    /// <summary>
    /// A multimodal model's retrieval embeddings of paired samples, each (B, C): image queries (predicted text
    /// embeddings, trained encoder), text keys (pooled target text), text queries and image keys. Each reads one modality.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not multimodal.</exception>
    public (Tensor ImageQuery, Tensor TextKey, Tensor TextQuery, Tensor ImageKey) CrossModalEmbeddings(JepaInput input, ActivationArena arena)
    {
        var vl = _crossModal ?? throw new InvalidOperationException($"a {Config.Modality} model has no cross-modal embeddings; train one with --modality multimodal");
        ContextEncoder.Forward(input, null, arena);
        TargetEncoder.Forward(input, null, arena);
        return vl.Embeddings(input, (MultimodalTokenEncoder)ContextEncoder, (MultimodalTokenEncoder)TargetEncoder, arena);
    }

    /// <summary>Mean-pooled features (B, C) over all tokens from the target (default) or the context encoder.</summary>
    public Tensor Features(JepaInput input, ActivationArena arena, bool useTarget = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tokens = (useTarget ? TargetEncoder : ContextEncoder).Forward(input, null, arena); // (B, T, C)
        var pooled = arena.Take(input.Batch, Config.Width);
        Tokens.MeanPool(tokens, pooled);
        return pooled;
    }

    /// <summary>target = m target + (1 - m) encoder (I-JEPA §3, momentum 0.996 -> 1.0 over training).</summary>
    public void UpdateTarget(float momentum) => Ema.Update(Target, Encoder, momentum);

    // VICReg terms on per-sample mean-pooled context features (invariance between the two views' rows when configured); their gradient is spread evenly back over the Kc tokens.
    private float Regularize(Tensor context, Tensor dContext, ActivationArena arena)
    {
        var (b, c) = (context.Shape[0], context.Last);
        if (b < 2)
        {
            return 0;
        }
        var pooled = arena.Take(b, c);
        Tokens.MeanPool(context, pooled);
        var dPooled = arena.Take(b, c);
        var loss = FeatureRegularizer.Forward(pooled.Span, dPooled.Span, b, c, Config.VarianceWeight, Config.CovarianceWeight);
        if (Config.InvarianceWeight > 0)
        {
            loss += FeatureRegularizer.Invariance(pooled.Span, dPooled.Span, b, c, Config.InvarianceWeight); // rows i, i + B/2: two views
        }
        if (Config.SigRegWeight > 0)
        {
            _sigReg ??= new SigReg(c, 2 * c, Seed);
            loss += _sigReg.Forward(pooled.Span, dPooled.Span, b, Config.SigRegWeight);
        }
        var spread = arena.Take(context.Shape);
        Tokens.MeanPoolBackward(dPooled, spread);
        System.Numerics.Tensors.TensorPrimitives.Add(dContext.Span, spread.Span, dContext.Span);
        return loss;
    }

    // Smooth L1 over every row (masked and cross-modal), the InfoNCE term (and optionally uniformity) on the cross-modal
    // rows, VICReg on the fused context; then backward through the heads and predictor into the encoder, fused and
    // unfused sides.
    private float ForwardBackwardMultimodal(JepaInput input, JepaMasks masks, ActivationArena arena, VlJepaObjective vl)
    {
        var (rows, target) = Predict(input, masks, arena); // (1, R, C)
        var dRows = arena.Take(rows.Shape);
        var loss = Loss.SmoothL1(rows, target, dRows);
        var (c, m, masked) = (Config.Width, vl.Pairs, vl.ImageRows + vl.TextRows);
        float contrast = 0;
        var temperature = vl.Temperature(Config);
        if (Config.AlignmentWeight > 0 && m >= 2)
        {
            var ids = new int[m];
            for (var i = 0; i < m; i++)
            {
                ids[i] = input.SampleIds?[vl.PairedSamples[i]] ?? -1; // -1: unknown, never left out
            }
            for (var d = 0; d < 2; d++)
            {
                var start = d == 0 ? masked : masked + m; // image->text rows (text keys), then text->image rows (image keys)
                var queue = KeyQueues.Count > 0 ? KeyQueues[d].Queue : null;
                contrast += CrossModalContrast.Forward(rows.Span.Slice(start * c, m * c), target.Span.Slice(start * c, m * c), dRows.Span.Slice(start * c, m * c), m, c, temperature, Config.AlignmentWeight,
                    queue is null ? [] : queue.Keys, queue is null ? [] : queue.Ids, queue is null ? [] : ids, out var dLogScale);
                if (vl.LogitScale is { } logitScale && temperature > JepaConfig.MinLearnedTemperature)
                {
                    logitScale.Grad[0] += (float)dLogScale; // no gradient past the clamp (CLIP clips the parameter there)
                }
                queue?.Push(target.Span.Slice(start * c, m * c), ids); // after the loss: a batch's own keys are never its queued negatives
            }
        }
        float? uniformity = null;
        if (Config.UniformityWeight > 0 && m >= 2)
        {
            uniformity = 0;
            for (var d = 0; d < 2; d++) // each head's predictions: the image queries of the text space, the text queries of the image space
            {
                var start = d == 0 ? masked : masked + m;
                uniformity += Uniformity.Forward(rows.Span.Slice(start * c, m * c), dRows.Span.Slice(start * c, m * c), m, c, Config.UniformityWeight);
            }
        }
        LastLosses = new VlJepaLosses(Part(rows, target, 0, vl.ImageRows), Part(rows, target, vl.ImageRows, vl.TextRows), Part(rows, target, masked, 2 * m), contrast, uniformity, vl.LogitScale is null ? null : temperature);
        var (dPred, dImage, dText) = vl.Backward(dRows, arena);
        var dContext = PredictorNet.Backward(dPred, arena);
        if (Config.VarianceWeight > 0 || Config.CovarianceWeight > 0 || Config.SigRegWeight > 0)
        {
            loss += Regularize(_lastContext!, dContext, arena); // set by Predict just above
        }
        ((MultimodalTokenEncoder)ContextEncoder).Backward(dContext, dImage, dText, arena);
        return loss + contrast + (uniformity ?? 0);
    }

    // Smooth L1 of rows [start, start + count) of (1, R, C) predictions, or null when there are none.
    private static float? Part(Tensor pred, Tensor target, int start, int count)
    {
        var c = pred.Last;
        return count == 0 ? null : Loss.SmoothL1(new Tensor(pred.Data, pred.Offset + (start * c), count, c), new Tensor(target.Data, target.Offset + (start * c), count, c), null);
    }

    private static ITokenEncoder Build(ParameterArena arena, JepaConfig config) => config.Modality switch
    {
        Modality.Image => new ImageTokenEncoder(arena, config, EncoderPrefix),
        Modality.Text => new TextTokenEncoder(arena, config, EncoderPrefix),
        _ => new MultimodalTokenEncoder(arena, config, EncoderPrefix),
    };

    // Layer norm without gamma/beta over the last dim (torch.nn.functional.layer_norm with no weight, eps 1e-5).
    internal static void NormalizeRows(Tensor x, Tensor y, ActivationArena arena)
    {
        var c = x.Last;
        var gamma = arena.Take(c);
        gamma.Span.Fill(1f);
        var beta = arena.TakeZeroed(c);
        LayerNorm.Forward(x, gamma, beta, y, arena.Take(x.Rows), arena.Take(x.Rows));
    }
}
