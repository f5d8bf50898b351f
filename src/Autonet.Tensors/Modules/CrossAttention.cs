using Autonet.Tensors.Memory;
using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Modules;

/// <summary>
/// Multi-head cross-attention: queries from x (B, Tq, C), keys and values from context (B, Tk, Cc) through one
/// packed Linear(Cc -> 2C); output (B, Tq, C). For decoders and fusion of two modalities.
/// </summary>
public sealed class CrossAttention
{
    private Tensor? _q, _kv, _probs;

    public CrossAttention(ParameterArena arena, string name, int channels, int contextChannels, int heads)
    {
        if (heads <= 0 || channels % heads != 0)
        {
            Errors.Shape("CrossAttention", $"width {channels} is not divisible by {heads} heads");
        }
        Heads = heads;
        Q = new LinearLayer(arena, name + ".q", channels, channels);
        Kv = new LinearLayer(arena, name + ".kv", contextChannels, 2 * channels);
        Proj = new LinearLayer(arena, name + ".proj", channels, channels);
    }

    public int Heads { get; }

    public LinearLayer Q { get; }

    public LinearLayer Kv { get; }

    public LinearLayer Proj { get; }

    public Tensor Forward(Tensor x, Tensor context, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(arena);
        _q = Q.Forward(x, arena); // (B, Tq, C)
        _kv = Kv.Forward(context, arena); // (B, Tk, 2C)
        _probs = arena.Take(x.Shape[0], Heads, x.Shape[1], context.Shape[1]);
        var o = arena.Take(_q.Shape);
        Attention.CrossForward(_q, _kv, Heads, _probs, o);
        return Proj.Forward(o, arena);
    }

    /// <summary>Returns (dx, dContext).</summary>
    public (Tensor Dx, Tensor DContext) Backward(Tensor dy, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(arena);
        if (_q == null || _kv == null || _probs == null)
        {
            throw new InvalidOperationException("CrossAttention.Backward called before Forward");
        }
        var dO = Proj.Backward(dy, arena)!;
        var dq = arena.Take(_q.Shape);
        var dkv = arena.Take(_kv.Shape);
        Attention.CrossBackward(_q, _kv, Heads, _probs, dO, dq, dkv);
        return (Q.Backward(dq, arena)!, Kv.Backward(dkv, arena)!);
    }
}
