using Autonet.Tensors.Memory;
using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Modules;

/// <summary>
/// Multi-head self-attention: qkv = Linear(C -> 3C), per-head softmax(QK^T/sqrt(D))V, proj = Linear(C -> C).
/// x (B, T, C) -> (B, T, C). Names attn.qkv / attn.proj as in timm's ViT.
/// </summary>
public sealed class SelfAttention
{
    private Tensor? _qkv, _probs;

    public SelfAttention(ParameterArena arena, string name, int channels, int heads)
    {
        if (heads <= 0 || channels % heads != 0)
        {
            Errors.Shape("SelfAttention", $"width {channels} is not divisible by {heads} heads");
        }
        Heads = heads;
        Qkv = new LinearLayer(arena, name + ".qkv", channels, 3 * channels);
        Proj = new LinearLayer(arena, name + ".proj", channels, channels);
    }

    public int Heads { get; }

    public LinearLayer Qkv { get; }

    public LinearLayer Proj { get; }

    public Tensor Forward(Tensor x, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(arena);
        var (b, t, c) = (x.Shape[0], x.Shape[1], x.Last);
        _qkv = Qkv.Forward(x, arena); // (B, T, 3C)
        _probs = arena.Take(b, Heads, t, t);
        var o = arena.Take(b, t, c);
        Attention.SelfForward(_qkv, Heads, _probs, o);
        return Proj.Forward(o, arena);
    }

    public Tensor Backward(Tensor dy, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(arena);
        if (_qkv == null || _probs == null)
        {
            throw new InvalidOperationException("SelfAttention.Backward called before Forward");
        }
        var dO = Proj.Backward(dy, arena)!;
        var dQkv = arena.Take(_qkv.Shape);
        Attention.SelfBackward(_qkv, Heads, _probs, dO, dQkv);
        return Qkv.Backward(dQkv, arena)!;
    }
}
