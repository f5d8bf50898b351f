using Autonet.Tensors.Memory;
using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Modules;

/// <summary>
/// Transformer over byte tokens: a learned (vocab, C) embedding (vocab 256 bytes plus specials), fixed 1D sin-cos
/// positions, pre-norm blocks and a final norm. ids (B * T) -> (B, T, C). No causal mask: an encoder, not a generator.
/// </summary>
public sealed class TextEncoder
{
    private int[]? _ids;

    public TextEncoder(ParameterArena arena, int vocab, int maxTokens, int width, int depth, int heads, float mlpRatio = 4, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(arena);
        Embedding = arena.Add(prefix + "tok_embed.weight", [vocab, width], Init.TruncNormal02);
        Positions = SinCos.OneD(maxTokens, width);
        Trunk = new TransformerStack(arena, prefix, width, depth, heads, mlpRatio);
    }

    public Parameter Embedding { get; }

    /// <summary>Fixed (maxTokens, C) table.</summary>
    public Tensor Positions { get; }

    public TransformerStack Trunk { get; }

    public Tensor Forward(int[] ids, int batch, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(arena);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        var width = Embedding.Shape[1];
        var t = ids.Length / batch;
        if (ids.Length % batch != 0 || t > Positions.Shape[0])
        {
            Errors.Shape("TextEncoder", $"{ids.Length} ids must split into {batch} rows of at most {Positions.Shape[0]} tokens");
        }
        var x = arena.Take(batch, t, width);
        Ops.Embedding.Forward(Embedding.ValueTensor, ids, x);
        Tokens.AddPositions(x, new Tensor(Positions.Data, 0, t, width));
        _ids = ids;
        return Trunk.Forward(x, arena);
    }

    public void Backward(Tensor dy, ActivationArena arena)
    {
        var ids = _ids ?? throw new InvalidOperationException("TextEncoder.Backward called before Forward");
        var dx = Trunk.Backward(dy, arena);
        Ops.Embedding.Backward(ids, dx, Embedding.GradTensor);
    }
}
