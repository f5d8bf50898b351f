// The local decoder (seed 001: "Text decoder with FiLM conditioning"): a byte-level next-token model in the style of
// Bengio et al. 2003 (a window of embedded previous tokens through an MLP), each hidden layer modulated by FiLM from
// the K-vectors. It reads only the reply so far and the plan, so whatever it knows about the context comes through
// the K-vectors; zeroing them is the ablation. Forward beside backward; one Forward per Backward.
// Legend: B positions, N window, E embed, H hidden, Z condition width, P = K * D plan floats, V vocab, S aligned slots.
//   c = GELU(Lc(LN(plan)))                       (B, Z)
//   h = Lin(flatten(Emb(window)))                (B, H)
//   h += La(flatten(LN(plan[j .. j + S))))       (B, H)  aligned slots, S > 0: j = position - 1, the byte's own slot
//   per layer: h += GELU(Film(Ll(LN(h)), Lf(c))) (B, H)
//   logits = Head(LN(h))                         (B, V)
using Autonet.Tensors;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Modules;
using Autonet.Tensors.Ops;

namespace Autonet.Inference.Decoding;

/// <summary>A FiLM-conditioned byte decoder over one parameter arena.</summary>
public sealed class FilmDecoder
{
    private const string Prefix = "decoder.";
    private readonly Layer[] _layers;
    private readonly LayerNormLayer? _kvNorm, _queryNorm, _alignedNorm;
    private readonly LinearLayer? _aligned;
    private readonly CrossAttention? _attention;
    private int[] _ids = [];
    private Tensor? _c0, _c, _embedded;

    public FilmDecoder(DecoderConfig config, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Parameters = new ParameterArena(seed);
        Embedding = Parameters.Add(Prefix + "embed.weight", [config.Vocab, config.Embed], Tensors.Memory.Init.TruncNormal02);
        PlanNorm = new LayerNormLayer(Parameters, Prefix + "plan_norm", config.PlanFloats);
        Cond = new LinearLayer(Parameters, Prefix + "cond", config.PlanFloats, config.Condition);
        Input = new LinearLayer(Parameters, Prefix + "in", config.Window * config.Embed, config.Hidden);
        if (config.AttentionHeads > 0)
        {
            _kvNorm = new LayerNormLayer(Parameters, Prefix + "kv_norm", config.D);
            _queryNorm = new LayerNormLayer(Parameters, Prefix + "query_norm", config.Hidden);
            _attention = new CrossAttention(Parameters, Prefix + "attend", config.Hidden, config.D, config.AttentionHeads);
            _attention.Proj.Weight.Value.Clear(); // zero at init, as FiLM: the read starts as nothing added to the residual
        }
        if (config.AlignedSlots > 0)
        {
            _alignedNorm = new LayerNormLayer(Parameters, Prefix + "aligned_norm", config.D);
            _aligned = new LinearLayer(Parameters, Prefix + "aligned", config.AlignedSlots * config.D, config.Hidden, init: Tensors.Memory.Init.Zeros); // starts as nothing added
        }
        _layers = [.. Enumerable.Range(0, config.Layers).Select(l => new Layer(Parameters, $"{Prefix}layers.{l}", config))];
        foreach (var norm in new[] { PlanNorm, _kvNorm, _alignedNorm })
        {
            norm?.Gamma.Value.Fill(config.PlanGain);
        }
        FinalNorm = new LayerNormLayer(Parameters, Prefix + "norm", config.Hidden);
        Head = new LinearLayer(Parameters, Prefix + "head", config.Hidden, config.Vocab);
    }

    public DecoderConfig Config { get; }

    public ParameterArena Parameters { get; }

    public Parameter Embedding { get; }

    public LayerNormLayer PlanNorm { get; }

    public LinearLayer Cond { get; }

    public LinearLayer Input { get; }

    public LayerNormLayer FinalNorm { get; }

    public LinearLayer Head { get; }

    /// <summary>window (B * N) token ids, positions (B) in the reply of the tokens predicted (1 = the first byte), plan (B, P) -> logits (B, V).</summary>
    public Tensor Forward(int[] window, int[] positions, Tensor plan, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(arena);
        var (n, p) = (Config.Window, Config.PlanFloats);
        var b = plan.Rows;
        if (plan.Last != p || window.Length != b * n || positions.Length != b)
        {
            Errors.Argument(nameof(plan), $"FilmDecoder: plan ({plan.Rows}, {plan.Last}), {window.Length} window ids and {positions.Length} positions; need plan (B, {p}), B x {n} ids and B positions");
        }
        _ids = window;
        _c0 = Cond.Forward(PlanNorm.Forward(plan, arena), arena); // (B, Z) before GELU
        _c = arena.Take(_c0.Shape);
        Gelu.Forward(_c0, _c);
        _embedded = arena.Take(b * n, Config.Embed); // (B * N, E)
        Tensors.Ops.Embedding.Forward(Embedding.ValueTensor, window, _embedded);
        var h = Input.Forward(_embedded.Reshape(b, n * Config.Embed), arena); // (B, H)
        if (_aligned is not null)
        {
            var slots = AlignedSlots(plan, positions, arena); // (B * S, D)
            var read = _aligned.Forward(_alignedNorm!.Forward(slots, arena).Reshape(b, Config.AlignedSlots * Config.D), arena); // (B, H)
            Elementwise.Add(h, read, h);
        }
        if (_attention is not null)
        {
            var kv = _kvNorm!.Forward(plan.Reshape(b * Config.K, Config.D), arena).Reshape(b, Config.K, Config.D); // (B, K, D)
            var q = _queryNorm!.Forward(h, arena).Reshape(b, 1, Config.Hidden); // (B, 1, H)
            var read = _attention.Forward(q, kv, arena); // (B, 1, H)
            var sum = arena.Take(h.Shape);
            Elementwise.Add(h, read.Reshape(b, Config.Hidden), sum);
            h = sum;
        }
        foreach (var layer in _layers)
        {
            h = layer.Forward(h, _c, arena);
        }
        return Head.Forward(FinalNorm.Forward(h, arena), arena); // (B, V)
    }

    /// <summary>dLogits (B, V) -> accumulates every parameter gradient (the plan gets none: it comes from the network).</summary>
    public void Backward(Tensor dLogits, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(arena);
        if (_c is null || _c0 is null || _embedded is null)
        {
            throw new InvalidOperationException("FilmDecoder.Backward called before Forward");
        }
        var dn = Head.Backward(dLogits, arena)!;
        var dh = arena.Take(dn.Shape);
        FinalNorm.Backward(dn, dh, accumulate: false);
        var dc = arena.TakeZeroed(_c.Shape);
        for (var l = _layers.Length - 1; l >= 0; l--)
        {
            _layers[l].Backward(dh, dc, arena); // dh stays the residual stream's gradient
        }
        if (_attention is not null)
        {
            var b = dh.Rows;
            var (dq, dkv) = _attention.Backward(dh.Reshape(b, 1, Config.Hidden), arena);
            _queryNorm!.Backward(dq.Reshape(b, Config.Hidden), dh, accumulate: true); // residual: dh_in = dh_out + LN'(dq)
            _kvNorm!.Backward(dkv.Reshape(b * Config.K, Config.D), arena.Take(b * Config.K, Config.D), accumulate: false); // the plan is fixed
        }
        if (_aligned is not null)
        {
            var dNormedSlots = _aligned.Backward(dh, arena)!; // (B, S * D)
            var slotRows = dNormedSlots.Rows * Config.AlignedSlots;
            _alignedNorm!.Backward(dNormedSlots.Reshape(slotRows, Config.D), arena.Take(slotRows, Config.D), accumulate: false); // the plan is fixed
        }
        var dEmbedded = Input.Backward(dh, arena)!; // (B, N * E)
        Tensors.Ops.Embedding.Backward(_ids, dEmbedded.Reshape(_embedded.Shape), Embedding.GradTensor);
        var dc0 = arena.Take(_c0.Shape);
        Gelu.Backward(_c0, dc, dc0);
        var dNormed = Cond.Backward(dc0, arena)!;
        var dPlan = arena.Take(dNormed.Shape);
        PlanNorm.Backward(dNormed, dPlan, accumulate: false); // computed for the norm's own gradients; the plan is fixed
    }

    // (B * S, D): row r's K-vectors j .. j + S - 1 for j = positions[r] - 1 (reply byte j's own slot); zeros past K.
    private Tensor AlignedSlots(Tensor plan, int[] positions, ActivationArena arena)
    {
        var (s, d, k) = (Config.AlignedSlots, Config.D, Config.K);
        var slots = arena.TakeZeroed(plan.Rows * s, d);
        for (var r = 0; r < plan.Rows; r++)
        {
            if (positions[r] < 1)
            {
                Errors.Argument(nameof(positions), $"position {positions[r]} at row {r}: the first predicted token is at 1 (after BOS)");
            }
            for (var i = 0; i < s && positions[r] - 1 + i < k; i++)
            {
                plan.Span.Slice((r * k * d) + ((positions[r] - 1 + i) * d), d).CopyTo(slots.Span.Slice(((r * s) + i) * d, d));
            }
        }
        return slots;
    }

    // One residual FiLM block: h + GELU(Film(fc(LN(h)), film(c))).
    private sealed class Layer(ParameterArena arena, string name, DecoderConfig config)
    {
        private readonly LayerNormLayer _norm = new(arena, name + ".norm", config.Hidden);
        private readonly LinearLayer _fc = new(arena, name + ".fc", config.Hidden, config.Hidden);
        private readonly LinearLayer _film = new(arena, name + ".film", config.Condition, 2 * config.Hidden, init: Tensors.Memory.Init.Zeros);
        private Tensor? _u, _gb, _v;

        public Tensor Forward(Tensor h, Tensor c, ActivationArena a)
        {
            _u = _fc.Forward(_norm.Forward(h, a), a); // (B, H)
            _gb = _film.Forward(c, a); // (B, 2H); zero at init, so FiLM starts as the identity
            _v = a.Take(_u.Shape);
            Film.Forward(_u, _gb, _v);
            var g = a.Take(_v.Shape);
            Gelu.Forward(_v, g);
            Elementwise.Add(g, h, g);
            return g;
        }

        // dh (B, H) in: the gradient at this block's output; out: at its input. dc accumulates.
        public void Backward(Tensor dh, Tensor dc, ActivationArena a)
        {
            var dv = a.Take(_v!.Shape); // set by Forward
            Gelu.Backward(_v, dh, dv);
            var du = a.Take(_u!.Shape);
            var dgb = a.Take(_gb!.Shape);
            Film.Backward(_u, _gb, dv, du, dgb);
            var dcl = _film.Backward(dgb, a)!;
            Elementwise.Add(dc, dcl, dc);
            var dn = _fc.Backward(du, a)!;
            _norm.Backward(dn, dh, accumulate: true); // residual: dh_in = dh_out + LN'(...)
        }
    }
}
