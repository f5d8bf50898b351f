using System.Numerics.Tensors;
using Autonet.Tensors.Blas;

namespace Autonet.Tensors.Ops;

/// <summary>
/// y = x W^T + b with PyTorch's layout (W is (out, in)), over rows: x (N, in), y (N, out). Legend: N rows
/// (B*T tokens), I inputs, O outputs. Backward: dx = dy W, dW += dy^T x, db += column sums of dy.
/// All three products are one sgemm each; nothing is transposed in memory.
/// </summary>
public static class Linear
{
    public static void Forward(Tensor x, Tensor w, Tensor? b, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(y);
        var (n, i, o) = Check(x, w, b, y);
        var ys = y.Span; // (N, O)
        if (b != null)
        {
            var bs = b.Span; // (O)
            for (var r = 0; r < n; r++)
            {
                bs.CopyTo(ys.Slice(r * o, o));
            }
        }
        Gemm.Run(false, true, n, o, i, 1, x.Span, i, w.Span, i, b == null ? 0 : 1, ys, o);
    }

    /// <summary>Backward; dx may be null (input needs no gradient); dW and db always accumulate.</summary>
    public static void Backward(Tensor x, Tensor w, Tensor dy, Tensor? dx, Tensor dw, Tensor? db, bool accumulateDx = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(dy);
        ArgumentNullException.ThrowIfNull(dw);
        var (n, i, o) = Check(x, w, db, dy);
        dw.Expect("Linear.Backward dW", w.Shape);
        if (dx != null)
        {
            dx.Expect("Linear.Backward dx", x.Shape);
            Gemm.Run(false, false, n, i, o, 1, dy.Span, o, w.Span, i, accumulateDx ? 1 : 0, dx.Span, i); // (N,O)x(O,I)
        }
        Gemm.Run(true, false, o, i, n, 1, dy.Span, o, x.Span, i, 1, dw.Span, i); // (O,N)x(N,I)
        if (db != null)
        {
            BiasGrad(dy.Span, o, db.Span);
        }
    }

    /// <summary>db (O) += sum over rows of dy (N, O); column blocks in parallel, rows in order.</summary>
    internal static void BiasGrad(ReadOnlySpan<float> dy, int o, Span<float> db)
    {
        var n = dy.Length / o;
        for (var r = 0; r < n; r++)
        {
            TensorPrimitives.Add(db, dy.Slice(r * o, o), db);
        }
    }

    private static (int N, int I, int O) Check(Tensor x, Tensor w, Tensor? b, Tensor y)
    {
        if (w.Rank != 2)
        {
            Errors.Shape("Linear", $"weight must be (out, in), got {Errors.Format(w.Shape)}");
        }
        var (o, i) = (w.Shape[0], w.Shape[1]);
        if (x.Last != i)
        {
            Errors.Shapes("Linear", x.Shape, w.Shape, $"input features {x.Last} != weight in-features {i}");
        }
        if (y.Last != o || y.Rows != x.Rows)
        {
            Errors.Shapes("Linear", x.Shape, y.Shape, $"output must be ({x.Rows}, {o})");
        }
        if (b != null && b.Length != o)
        {
            Errors.Shapes("Linear", w.Shape, b.Shape, $"bias length {b.Length} != out-features {o}");
        }
        return (x.Rows, i, o);
    }
}
