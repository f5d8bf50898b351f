using Autonet.Tensors.Memory;
using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Modules;

/// <summary>The transformer MLP: fc1 (C -> hidden), GELU (tanh form), fc2 (hidden -> C). Names fc1/fc2 as in timm.</summary>
public sealed class Mlp
{
    private Tensor? _h;

    public Mlp(ParameterArena arena, string name, int channels, int hidden)
    {
        Fc1 = new LinearLayer(arena, name + ".fc1", channels, hidden);
        Fc2 = new LinearLayer(arena, name + ".fc2", hidden, channels);
    }

    public LinearLayer Fc1 { get; }

    public LinearLayer Fc2 { get; }

    public Tensor Forward(Tensor x, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(arena);
        _h = Fc1.Forward(x, arena); // (N, hidden) pre-activation
        var g = arena.Take(_h.Shape);
        Gelu.Forward(_h, g);
        return Fc2.Forward(g, arena);
    }

    public Tensor Backward(Tensor dy, ActivationArena arena)
    {
        var h = _h ?? throw new InvalidOperationException("Mlp.Backward called before Forward");
        var dg = Fc2.Backward(dy, arena)!; // needInputGrad defaults to true, so never null
        Gelu.Backward(h, dg, dg); // in place: each element reads dy before writing dx
        return Fc1.Backward(dg, arena)!;
    }
}
