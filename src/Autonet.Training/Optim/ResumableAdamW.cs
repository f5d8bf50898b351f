// AdamW over one ParameterArena with its moments and step count exposed, so a checkpoint can save and restore
// them and a resumed run is bit-identical to an uninterrupted one. Same update, in the same order, as the engine's
// Autonet.Tensors.Optim.AdamW (torch.optim.AdamW: decay, then the bias-corrected Adam step); that class keeps its
// state private, which is why this one exists (to be folded into Tensors when its owner exposes the state).
using Autonet.Tensors.Memory;

namespace Autonet.Training.Optim;

/// <summary>AdamW (Loshchilov and Hutter 2019, Algorithm 2) with saveable state; decay only on registered matrices.</summary>
public sealed class ResumableAdamW
{
    private readonly ParameterArena _arena;

    public ResumableAdamW(ParameterArena arena, float weightDecay, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
    {
        ArgumentNullException.ThrowIfNull(arena);
        _arena = arena;
        M = new float[arena.Count];
        V = new float[arena.Count];
        (WeightDecay, Beta1, Beta2, Eps) = (weightDecay, beta1, beta2, eps);
    }

    public float WeightDecay { get; }

    public float Beta1 { get; }

    public float Beta2 { get; }

    public float Eps { get; }

    /// <summary>First moments, same layout as the arena.</summary>
    public float[] M { get; }

    /// <summary>Second moments, same layout as the arena.</summary>
    public float[] V { get; }

    /// <summary>Updates taken so far (bias correction uses it); set when resuming.</summary>
    public int Step { get; set; }

    public void Update(float lr)
    {
        Step++;
        var bc1 = 1 - MathF.Pow(Beta1, Step);
        var bc2 = 1 - MathF.Pow(Beta2, Step);
        var values = _arena.Values;
        var grads = _arena.Grads;
        foreach (var p in _arena.Parameters)
        {
            var decay = p.Decay ? 1 - (lr * WeightDecay) : 1f;
            Apply(values.AsSpan(p.Offset, p.Length), grads.AsSpan(p.Offset, p.Length), M.AsSpan(p.Offset, p.Length), V.AsSpan(p.Offset, p.Length), lr, decay, bc1, bc2);
        }
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
