using System.Numerics.Tensors;

namespace Autonet.Tensors.Ops;

/// <summary>
/// Row softmax over the last dim, max-subtracted for stability: y = exp(x - max) / sum.
/// Backward: dx = y * (dy - sum(dy * y)). Rows are independent and run in parallel.
/// </summary>
public static class Softmax
{
    public static void Forward(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        y.Expect("Softmax y", x.Shape);
        var c = x.Last;
        Parallelism.For(x.Rows, 64, (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                Row(x.Span.Slice(r * c, c), y.Span.Slice(r * c, c));
            }
        });
    }

    public static void Backward(Tensor y, Tensor dy, Tensor dx)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(dy);
        ArgumentNullException.ThrowIfNull(dx);
        dy.Expect("Softmax dy", y.Shape);
        dx.Expect("Softmax dx", y.Shape);
        var c = y.Last;
        Parallelism.For(y.Rows, 64, (start, end) =>
        {
            for (var r = start; r < end; r++)
            {
                RowBackward(y.Span.Slice(r * c, c), dy.Span.Slice(r * c, c), dx.Span.Slice(r * c, c));
            }
        });
    }

    /// <summary>In-place safe: x and y may be the same span.</summary>
    internal static void Row(ReadOnlySpan<float> x, Span<float> y)
    {
        var max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Exp(y, y);
        TensorPrimitives.Multiply(y, 1f / TensorPrimitives.Sum(y), y);
    }

    /// <summary>In-place safe: dy and dx may be the same span.</summary>
    internal static void RowBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var dot = TensorPrimitives.Dot(dy, y);
        TensorPrimitives.Subtract(dy, dot, dx);
        TensorPrimitives.Multiply(dx, y, dx);
    }
}
