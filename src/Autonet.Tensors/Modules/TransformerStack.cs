using Autonet.Tensors.Memory;

namespace Autonet.Tensors.Modules;

/// <summary>Depth pre-norm blocks followed by a final layer norm: the trunk of every encoder and predictor here.</summary>
public sealed class TransformerStack
{
    public TransformerStack(ParameterArena arena, string name, int channels, int depth, int heads, float mlpRatio = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        var hidden = (int)(channels * mlpRatio);
        Blocks = [.. Enumerable.Range(0, depth).Select(i => new TransformerBlock(arena, $"{name}blocks.{i}", channels, heads, hidden))];
        Norm = new LayerNormLayer(arena, name + "norm", channels);
    }

    public IReadOnlyList<TransformerBlock> Blocks { get; }

    public LayerNormLayer Norm { get; }

    public Tensor Forward(Tensor x, ActivationArena arena)
    {
        foreach (var b in Blocks)
        {
            x = b.Forward(x, arena);
        }
        return Norm.Forward(x, arena);
    }

    public Tensor Backward(Tensor dy, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(dy);
        ArgumentNullException.ThrowIfNull(arena);
        var dx = arena.Take(dy.Shape);
        Norm.Backward(dy, dx, accumulate: false);
        for (var i = Blocks.Count - 1; i >= 0; i--)
        {
            dx = Blocks[i].Backward(dx, arena);
        }
        return dx;
    }
}
