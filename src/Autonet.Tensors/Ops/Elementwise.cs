using System.Numerics.Tensors;

namespace Autonet.Tensors.Ops;

/// <summary>
/// Same-shape elementwise ops (residual add, gating multiply). Backward of add passes dy to both inputs;
/// backward of mul is da = dy * b, db = dy * a. Thin checked wrappers over TensorPrimitives.
/// </summary>
public static class Elementwise
{
    public static void Add(Tensor a, Tensor b, Tensor output)
    {
        Check("Add", a, b, output);
        TensorPrimitives.Add(a.Span, b.Span, output.Span);
    }

    public static void Mul(Tensor a, Tensor b, Tensor output)
    {
        Check("Mul", a, b, output);
        TensorPrimitives.Multiply(a.Span, b.Span, output.Span);
    }

    /// <summary>da = dy * b and db = dy * a, both overwritten.</summary>
    public static void MulBackward(Tensor a, Tensor b, Tensor dy, Tensor da, Tensor db)
    {
        Check("MulBackward", a, b, dy);
        Check("MulBackward", da, db, dy);
        TensorPrimitives.Multiply(dy.Span, b.Span, da.Span);
        TensorPrimitives.Multiply(dy.Span, a.Span, db.Span);
    }

    /// <summary>x (N, C) += bias (C) on every row.</summary>
    public static void AddBias(Tensor x, Tensor bias)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(bias);
        if (bias.Length != x.Last)
        {
            Errors.Shapes("AddBias", x.Shape, bias.Shape, $"bias length {bias.Length} != last dim {x.Last}");
        }
        for (var r = 0; r < x.Rows; r++)
        {
            var row = x.Span.Slice(r * x.Last, x.Last);
            TensorPrimitives.Add(row, bias.Span, row);
        }
    }

    /// <summary>dBias (C) += column sums of dy (N, C).</summary>
    public static void AddBiasBackward(Tensor dy, Tensor dBias)
    {
        ArgumentNullException.ThrowIfNull(dy);
        ArgumentNullException.ThrowIfNull(dBias);
        if (dBias.Length != dy.Last)
        {
            Errors.Shapes("AddBiasBackward", dy.Shape, dBias.Shape, $"bias length {dBias.Length} != last dim {dy.Last}");
        }
        Linear.BiasGrad(dy.Span, dy.Last, dBias.Span);
    }

    private static void Check(string op, Tensor a, Tensor b, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(output);
        if (!a.Shape.AsSpan().SequenceEqual(b.Shape) || !a.Shape.AsSpan().SequenceEqual(output.Shape))
        {
            Errors.Shapes(op, a.Shape, b.Shape, $"shapes must match each other and the output {Errors.Format(output.Shape)}");
        }
    }
}
