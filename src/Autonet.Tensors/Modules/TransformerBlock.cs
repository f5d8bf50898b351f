using System.Numerics.Tensors;
using Autonet.Tensors.Memory;

namespace Autonet.Tensors.Modules;

/// <summary>
/// Pre-norm transformer block (ViT, Dosovitskiy et al. 2021, eq. 2-3): x1 = x + attn(ln1(x)); y = x1 + mlp(ln2(x1)).
/// Backward follows the residual stream: dx1 = dy + ln2'(mlp'(dy)); dx = dx1 + ln1'(attn'(dx1)).
/// </summary>
public sealed class TransformerBlock
{
    public TransformerBlock(ParameterArena arena, string name, int channels, int heads, int mlpHidden)
    {
        Norm1 = new LayerNormLayer(arena, name + ".norm1", channels);
        Attn = new SelfAttention(arena, name + ".attn", channels, heads);
        Norm2 = new LayerNormLayer(arena, name + ".norm2", channels);
        Mlp = new Mlp(arena, name + ".mlp", channels, mlpHidden);
    }

    public LayerNormLayer Norm1 { get; }

    public SelfAttention Attn { get; }

    public LayerNormLayer Norm2 { get; }

    public Mlp Mlp { get; }

    /// <summary>x (B, T, C) -> (B, T, C); x is not modified.</summary>
    public Tensor Forward(Tensor x, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(x);
        var a = Attn.Forward(Norm1.Forward(x, arena), arena);
        TensorPrimitives.Add(a.Span, x.Span, a.Span); // a becomes x1
        var m = Mlp.Forward(Norm2.Forward(a, arena), arena);
        TensorPrimitives.Add(m.Span, a.Span, m.Span); // m becomes y
        return m;
    }

    /// <summary>Returns dx (B, T, C), a new arena tensor; dy is left as it is.</summary>
    public Tensor Backward(Tensor dy, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(dy);
        ArgumentNullException.ThrowIfNull(arena);
        var dh2 = Mlp.Backward(dy, arena);
        var dx1 = arena.Take(dy.Shape);
        dy.Span.CopyTo(dx1.Span);
        Norm2.Backward(dh2, dx1, accumulate: true);
        var dh1 = Attn.Backward(dx1, arena);
        Norm1.Backward(dh1, dx1, accumulate: true); // dx1 becomes dx
        return dx1;
    }
}
