using Autonet.Tensors.Memory;
using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Modules;

/// <summary>Layer norm over the last dim with gamma (ones) and beta (zeros); keeps x, mean and rstd for backward.</summary>
public sealed class LayerNormLayer
{
    private Tensor? _x, _mean, _rstd;

    public LayerNormLayer(ParameterArena arena, string name, int channels)
    {
        ArgumentNullException.ThrowIfNull(arena);
        Gamma = arena.Add(name + ".weight", [channels], Init.Ones);
        Beta = arena.Add(name + ".bias", [channels], Init.Zeros);
    }

    public Parameter Gamma { get; }

    public Parameter Beta { get; }

    public Tensor Forward(Tensor x, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(arena);
        var y = arena.Take(x.Shape);
        _mean = arena.Take(x.Rows);
        _rstd = arena.Take(x.Rows);
        LayerNorm.Forward(x, Gamma.ValueTensor, Beta.ValueTensor, y, _mean, _rstd);
        _x = x;
        return y;
    }

    /// <summary>Writes (or adds, when accumulate) the input gradient into dx, which the caller provides.</summary>
    public void Backward(Tensor dy, Tensor dx, bool accumulate)
    {
        if (_x == null || _mean == null || _rstd == null)
        {
            throw new InvalidOperationException("LayerNormLayer.Backward called before Forward");
        }
        LayerNorm.Backward(_x, Gamma.ValueTensor, _mean, _rstd, dy, dx, Gamma.GradTensor, Beta.GradTensor, accumulate);
    }
}
