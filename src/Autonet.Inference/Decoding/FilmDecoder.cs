// The local decoder (seed 001: "Text decoder with FiLM conditioning"): a byte-level next-token model in the style of
// Bengio et al. 2003 (a window of embedded previous tokens through an MLP), each hidden layer modulated by FiLM from
// the K-vectors, and optionally reading the K-vectors by cross-attention. It reads only the reply so far and the
// plan, so whatever it knows about the context comes through the K-vectors; zeroing them is the ablation. A batch is
// G plans with B / G positions each (the positions of one turn share its plan). Forward beside backward; one Forward
// per Backward.
// Legend: G plans, B positions, N window, E embed, H hidden, Z condition width, K plan vectors of width D,
// P = K * D plan floats, V vocab.
//   c = GELU(Lc(LN(plan)))                       (G, Z), each row repeated for its plan's positions: (B, Z);
//                                                with pooled_film LN(mean_j x_j) (G, D) in place of LN(plan)
//   h = Lin(flatten(Emb(window)))                (B, H)
//   with attention: s_j = LN([x_{j-1}, x_j, x_{j+1}])   (G, K, 3D): each K-vector with its neighbours, so a key can
//                   h += CrossAttn(LN(h), s)             match the reply's last bytes and the value carry the next one
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
    private readonly LayerNormLayer? _kvNorm, _queryNorm;
    private readonly CrossAttention? _attention;
    private int[] _ids = [];
    private int _per = 1;
    private Tensor? _c0, _c, _embedded;

    public FilmDecoder(DecoderConfig config, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Parameters = new ParameterArena(seed);
        Embedding = Parameters.Add(Prefix + "embed.weight", [config.Vocab, config.Embed], Tensors.Memory.Init.TruncNormal02);
        PlanNorm = new LayerNormLayer(Parameters, Prefix + "plan_norm", config.FilmInput);
        Cond = new LinearLayer(Parameters, Prefix + "cond", config.FilmInput, config.Condition);
        Input = new LinearLayer(Parameters, Prefix + "in", config.Window * config.Embed, config.Hidden);
        if (config.AttentionHeads > 0)
        {
            _kvNorm = new LayerNormLayer(Parameters, Prefix + "kv_norm", 3 * config.D);
            _queryNorm = new LayerNormLayer(Parameters, Prefix + "query_norm", config.Hidden);
            _attention = new CrossAttention(Parameters, Prefix + "attend", config.Hidden, 3 * config.D, config.AttentionHeads);
            _attention.Proj.Weight.Value.Clear(); // zero at init, as FiLM: the read starts as nothing added to the residual
        }
        _layers = [.. Enumerable.Range(0, config.Layers).Select(l => new Layer(Parameters, $"{Prefix}layers.{l}", config))];
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

    /// <summary>window (B * N) token ids, plan (G, P) with G dividing B (positions [i B/G, (i+1) B/G) read plan i) -> logits (B, V).</summary>
    public Tensor Forward(int[] window, Tensor plan, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(arena);
        var (n, p) = (Config.Window, Config.PlanFloats);
        var g = plan.Rows;
        if (plan.Last != p || g == 0 || window.Length % (g * n) != 0)
        {
            Errors.Argument(nameof(plan), $"FilmDecoder: plan ({plan.Rows}, {plan.Last}) and {window.Length} window ids; need plan (G, {p}) and G x positions x {n} ids");
        }
        var b = window.Length / n;
        (_ids, _per) = (window, b / g);
        var filmInput = Config.PooledFilm ? MeanVector(plan, Config.K, Config.D, arena) : plan; // (G, D) or (G, P)
        _c0 = Cond.Forward(PlanNorm.Forward(filmInput, arena), arena); // (G, Z) before GELU
        var c = arena.Take(_c0.Shape);
        Gelu.Forward(_c0, c);
        _c = _per == 1 ? c : Repeat(c, _per, arena); // (B, Z)
        _embedded = arena.Take(b * n, Config.Embed); // (B * N, E)
        Tensors.Ops.Embedding.Forward(Embedding.ValueTensor, window, _embedded);
        var h = Input.Forward(_embedded.Reshape(b, n * Config.Embed), arena); // (B, H)
        if (_attention is not null)
        {
            var (k, d) = (Config.K, Config.D);
            var kv = _kvNorm!.Forward(Neighbours(plan, k, d, arena), arena).Reshape(g, k, 3 * d); // (G, K, 3D)
            var q = _queryNorm!.Forward(h, arena).Reshape(g, _per, Config.Hidden); // (G, B/G, H)
            var read = _attention.Forward(q, kv, arena); // (G, B/G, H)
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
            var (b, g, k, d) = (dh.Rows, _c0.Rows, Config.K, Config.D);
            var (dq, dkv) = _attention.Backward(dh.Reshape(g, _per, Config.Hidden), arena);
            _queryNorm!.Backward(dq.Reshape(b, Config.Hidden), dh, accumulate: true); // residual: dh_in = dh_out + LN'(dq)
            _kvNorm!.Backward(dkv.Reshape(g * k, 3 * d), arena.Take(g * k, 3 * d), accumulate: false); // the plan is fixed
        }
        var dEmbedded = Input.Backward(dh, arena)!; // (B, N * E)
        Tensors.Ops.Embedding.Backward(_ids, dEmbedded.Reshape(_embedded.Shape), Embedding.GradTensor);
        var dcPlan = _per == 1 ? dc : SumRepeats(dc, _per, arena); // (G, Z)
        var dc0 = arena.Take(_c0.Shape);
        Gelu.Backward(_c0, dcPlan, dc0);
        var dNormed = Cond.Backward(dc0, arena)!;
        var dPlan = arena.Take(dNormed.Shape);
        PlanNorm.Backward(dNormed, dPlan, accumulate: false); // computed for the norm's own gradients; the plan is fixed
    }

    // plan (G, K * D) -> (G, D): the mean K-vector, summed in order. No gradient: the plan is an input.
    private static Tensor MeanVector(Tensor plan, int k, int d, ActivationArena arena)
    {
        var y = arena.TakeZeroed(plan.Rows, d);
        for (var i = 0; i < plan.Rows; i++)
        {
            var row = y.Span.Slice(i * d, d);
            for (var j = 0; j < k; j++)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(row, plan.Span.Slice(((i * k) + j) * d, d), row);
            }
            System.Numerics.Tensors.TensorPrimitives.Multiply(row, 1f / k, row);
        }
        return y;
    }

    // (G, Z) -> (G * per, Z): row i copied to rows [i per, (i+1) per).
    private static Tensor Repeat(Tensor x, int per, ActivationArena arena)
    {
        var (g, z) = (x.Rows, x.Last);
        var y = arena.Take(g * per, z);
        for (var i = 0; i < g * per; i++)
        {
            x.Span.Slice(i / per * z, z).CopyTo(y.Span.Slice(i * z, z));
        }
        return y;
    }

    // The gradient of Repeat: (G * per, Z) -> (G, Z), each run of per rows summed in order.
    private static Tensor SumRepeats(Tensor dy, int per, ActivationArena arena)
    {
        var z = dy.Last;
        var dx = arena.TakeZeroed(dy.Rows / per, z);
        for (var i = 0; i < dy.Rows; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(dx.Span.Slice(i / per * z, z), dy.Span.Slice(i * z, z), dx.Span.Slice(i / per * z, z));
        }
        return dx;
    }

    // plan (G, K * D) -> (G * K, 3D): [x_{j-1} | x_j | x_{j+1}] per K-vector, zeros beyond either end. No gradient:
    // the plan is an input from the network.
    private static Tensor Neighbours(Tensor plan, int k, int d, ActivationArena arena)
    {
        var g = plan.Rows;
        var y = arena.TakeZeroed(g * k, 3 * d);
        for (var i = 0; i < g; i++)
        {
            var x = plan.Span.Slice(i * k * d, k * d);
            for (var j = 0; j < k; j++)
            {
                var row = y.Span.Slice(((i * k) + j) * 3 * d, 3 * d);
                if (j > 0)
                {
                    x.Slice((j - 1) * d, d).CopyTo(row);
                }
                x.Slice(j * d, d).CopyTo(row[d..]);
                if (j < k - 1)
                {
                    x.Slice((j + 1) * d, d).CopyTo(row[(2 * d)..]);
                }
            }
        }
        return y;
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
