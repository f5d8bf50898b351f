using Autonet.Tensors.Memory;
using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Modules;

/// <summary>
/// A linear layer over the last dim, x (..., in) -> (..., out), weight (out, in) as in torch.nn.Linear.
/// Forward remembers its input for backward; one Forward per Backward.
/// </summary>
public sealed class LinearLayer
{
    private Tensor? _x;

    public LinearLayer(ParameterArena arena, string name, int inFeatures, int outFeatures, bool bias = true, Init init = Init.XavierUniform)
    {
        ArgumentNullException.ThrowIfNull(arena);
        Weight = arena.Add(name + ".weight", [outFeatures, inFeatures], init, decay: true);
        Bias = bias ? arena.Add(name + ".bias", [outFeatures], Init.Zeros) : null;
    }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    public int In => Weight.Shape[1];

    public int Out => Weight.Shape[0];

    public Tensor Forward(Tensor x, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(arena);
        var shape = (int[])x.Shape.Clone();
        shape[^1] = Out;
        var y = arena.Take(shape);
        Linear.Forward(x, Weight.ValueTensor, Bias?.ValueTensor, y);
        _x = x;
        return y;
    }

    /// <summary>Accumulates weight/bias grads; returns dx (a new arena tensor) unless needInputGrad is false.</summary>
    public Tensor? Backward(Tensor dy, ActivationArena arena, bool needInputGrad = true)
    {
        ArgumentNullException.ThrowIfNull(arena);
        var x = _x ?? throw new InvalidOperationException("LinearLayer.Backward called before Forward");
        var dx = needInputGrad ? arena.Take(x.Shape) : null;
        Linear.Backward(x, Weight.ValueTensor, dy, dx, Weight.GradTensor, Bias?.GradTensor);
        return dx;
    }
}
