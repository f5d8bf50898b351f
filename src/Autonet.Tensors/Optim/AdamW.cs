using Autonet.Tensors.Memory;

namespace Autonet.Tensors.Optim;

/// <summary>
/// AdamW (Loshchilov and Hutter 2019, Algorithm 2) over a whole <see cref="ParameterArena"/>: moments live in two
/// arrays of the arena's length; decoupled weight decay applies only to parameters registered with decay
/// (matrices), as timm/MAE do. Same update order as torch.optim.AdamW: p -= lr*wd*p, then the Adam step.
/// </summary>
public sealed class AdamW
{
    private readonly ParameterArena _arena;
    private readonly bool[] _decay;
    private int _step;

    public AdamW(ParameterArena arena, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f, float weightDecay = 0.05f)
    {
        ArgumentNullException.ThrowIfNull(arena);
        _arena = arena;
        M = new float[arena.Count];
        V = new float[arena.Count];
        _decay = new bool[arena.Parameters.Count];
        for (var i = 0; i < _decay.Length; i++)
        {
            _decay[i] = arena.Parameters[i].Decay;
        }
        (Beta1, Beta2, Eps, WeightDecay) = (beta1, beta2, eps, weightDecay);
    }

    public float Beta1 { get; }

    public float Beta2 { get; }

    public float Eps { get; }

    public float WeightDecay { get; }

    /// <summary>First moments, same layout as the arena; exposed so a checkpoint can save and restore them.</summary>
    public float[] M { get; }

    /// <summary>Second moments, same layout as the arena.</summary>
    public float[] V { get; }

    /// <summary>Steps taken; bias correction uses it. Set when resuming from a checkpoint.</summary>
    public int Step
    {
        get => _step;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _step = value;
        }
    }

    /// <summary>Applies one update with the arena's current gradients; gradients are left as they are.</summary>
    public void Update(float lr)
    {
        if (_arena.Count != M.Length)
        {
            Errors.Parameter("*", $"arena grew from {M.Length} to {_arena.Count} floats after the optimizer was created");
        }
        Step++;
        var bc1 = 1 - MathF.Pow(Beta1, Step);
        var bc2 = 1 - MathF.Pow(Beta2, Step);
        var ps = _arena.Parameters;
        var values = _arena.Values;
        var grads = _arena.Grads;
        Parallelism.For(ps.Count, 1, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var p = ps[i];
                var decay = _decay[i] ? 1 - (lr * WeightDecay) : 1f;
                Apply(values.AsSpan(p.Offset, p.Length), grads.AsSpan(p.Offset, p.Length),
                    M.AsSpan(p.Offset, p.Length), V.AsSpan(p.Offset, p.Length), lr, decay, bc1, bc2);
            }
        });
    }

    private void Apply(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, float lr, float decay, float bc1, float bc2)
    {
        var (b1, b2) = (Beta1, Beta2);
        var step = lr / bc1;
        var rbc2 = 1 / MathF.Sqrt(bc2);
        for (var j = 0; j < w.Length; j++)
        {
            var gj = g[j];
            var mj = (b1 * m[j]) + ((1 - b1) * gj);
            var vj = (b2 * v[j]) + ((1 - b2) * gj * gj);
            m[j] = mj;
            v[j] = vj;
            w[j] = (w[j] * decay) - (step * mj / ((MathF.Sqrt(vj) * rbc2) + Eps));
        }
    }
}
