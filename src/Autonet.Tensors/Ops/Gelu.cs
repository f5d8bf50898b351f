using System.Buffers;
using System.Numerics.Tensors;

namespace Autonet.Tensors.Ops;

/// <summary>
/// GELU, tanh form (Hendrycks and Gimpel 2016, eq. for the approximation; torch's approximate='tanh'):
/// y = 0.5 x (1 + t), t = tanh(k (x + 0.044715 x^3)), k = sqrt(2/pi).
/// dy/dx = 0.5 (1 + t) + 0.5 x (1 - t^2) k (1 + 3 * 0.044715 x^2). Backward recomputes t from x.
/// </summary>
public static class Gelu
{
    private const float K = 0.7978845608f;
    private const float A = 0.044715f;
    private const int Block = 2048; // floats per pass: 8 KB stays in L1 while the passes reuse it

    public static void Forward(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        y.Expect("Gelu y", x.Shape);
        Parallelism.For((x.Length + Block - 1) / Block, 16, (b0, b1) =>
        {
            var t = ArrayPool<float>.Shared.Rent(Block);
            try
            {
                for (var b = b0; b < b1; b++)
                {
                    var start = b * Block;
                    var len = Math.Min(Block, x.Length - start);
                    var xs = x.Span.Slice(start, len);
                    var ts = t.AsSpan(0, len);
                    Tanh(xs, ts);
                    var ys = y.Span.Slice(start, len);
                    TensorPrimitives.Add(ts, 1f, ts);
                    TensorPrimitives.Multiply(ts, xs, ts);
                    TensorPrimitives.Multiply(ts, 0.5f, ys);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(t);
            }
        });
    }

    /// <summary>dx = dy * gelu'(x); dx is overwritten and may be the same tensor as dy.</summary>
    public static void Backward(Tensor x, Tensor dy, Tensor dx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(dy);
        ArgumentNullException.ThrowIfNull(dx);
        dy.Expect("Gelu dy", x.Shape);
        dx.Expect("Gelu dx", x.Shape);
        Parallelism.For((x.Length + Block - 1) / Block, 16, (b0, b1) =>
        {
            var buf = ArrayPool<float>.Shared.Rent(3 * Block);
            try
            {
                for (var b = b0; b < b1; b++)
                {
                    var start = b * Block;
                    var len = Math.Min(Block, x.Length - start);
                    var xs = x.Span.Slice(start, len);
                    var t = buf.AsSpan(0, len);
                    var u = buf.AsSpan(Block, len);
                    var s = buf.AsSpan(2 * Block, len);
                    Tanh(xs, t);
                    // u = 0.5 x k (1 + 3A x^2)
                    TensorPrimitives.Multiply(xs, xs, u);
                    TensorPrimitives.Multiply(u, 3 * A * 0.5f * K, u);
                    TensorPrimitives.Add(u, 0.5f * K, u);
                    TensorPrimitives.Multiply(u, xs, u);
                    // s = 0.5 (1 + t) + u (1 - t^2); dx = dy * s (dx may alias dy: dy is read once, last)
                    TensorPrimitives.Multiply(t, t, s);
                    TensorPrimitives.Subtract(1f, s, s);
                    TensorPrimitives.Multiply(s, u, s);
                    TensorPrimitives.MultiplyAdd(t, 0.5f, s, s);
                    TensorPrimitives.Add(s, 0.5f, s);
                    TensorPrimitives.Multiply(s, dy.Span.Slice(start, len), dx.Span.Slice(start, len));
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buf);
            }
        });
    }

    // t = tanh(K (x + A x^3))
    private static void Tanh(ReadOnlySpan<float> x, Span<float> t)
    {
        TensorPrimitives.Multiply(x, x, t);
        TensorPrimitives.Multiply(t, A * K, t);
        TensorPrimitives.Add(t, K, t);
        TensorPrimitives.Multiply(t, x, t);
        TensorPrimitives.Tanh(t, t);
    }
}
