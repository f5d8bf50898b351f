using System.Numerics.Tensors;

namespace Autonet.Tensors.Ops;

/// <summary>
/// Layer norm over the last dim (Ba et al. 2016): y = (x - mean) * rstd * gamma + beta, rows in parallel.
/// Legend: N rows, C channels. Forward saves mean and rstd (N) for backward:
/// dx = rstd * (g - mean(g) - xhat * mean(g * xhat)) with g = dy * gamma; dgamma += sum dy*xhat, dbeta += sum dy.
/// </summary>
public static class LayerNorm
{
    public const float Eps = 1e-5f; // torch.nn.LayerNorm default

    public static void Forward(Tensor x, Tensor gamma, Tensor beta, Tensor y, Tensor mean, Tensor rstd)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(rstd);
        var c = Check(x, gamma, beta);
        y.Expect("LayerNorm y", x.Shape);
        var n = x.Rows;
        Parallelism.For(n, 64, (start, end) =>
        {
            var xs = x.Span;
            var ys = y.Span;
            var g = gamma.Span;
            var bt = beta.Span;
            for (var r = start; r < end; r++)
            {
                var row = xs.Slice(r * c, c);
                var m = TensorPrimitives.Sum(row) / c;
                var yr = ys.Slice(r * c, c);
                TensorPrimitives.Subtract(row, m, yr);
                var v = TensorPrimitives.SumOfSquares(yr) / c;
                var rs = 1f / MathF.Sqrt(v + Eps);
                TensorPrimitives.Multiply(yr, rs, yr);
                TensorPrimitives.FusedMultiplyAdd(yr, g, bt, yr);
                mean.Span[r] = m;
                rstd.Span[r] = rs;
            }
        });
    }

    /// <summary>dx is overwritten, or accumulated into when accumulateDx (residual streams); dgamma/dbeta accumulate.</summary>
    public static void Backward(Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor dy, Tensor dx,
        Tensor dgamma, Tensor dbeta, bool accumulateDx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(dy);
        ArgumentNullException.ThrowIfNull(dx);
        ArgumentNullException.ThrowIfNull(dgamma);
        ArgumentNullException.ThrowIfNull(dbeta);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(rstd);
        var c = Check(x, gamma, dbeta);
        dy.Expect("LayerNorm dy", x.Shape);
        dx.Expect("LayerNorm dx", x.Shape);
        var n = x.Rows;
        var chunks = Math.Max(1, Math.Min(Parallelism.Degree, n / 64));
        var partial = new float[chunks * 2 * c]; // per chunk: dgamma (C), dbeta (C); summed in chunk order
        Parallelism.For(chunks, 1, (c0, c1) =>
        {
            var tmp = new float[2 * c];
            for (var ch = c0; ch < c1; ch++)
            {
                var dg = partial.AsSpan(ch * 2 * c, c);
                var db = partial.AsSpan((ch * 2 * c) + c, c);
                var start = (int)((long)n * ch / chunks);
                var end = (int)((long)n * (ch + 1) / chunks);
                Rows(x.Span, gamma.Span, mean.Span, rstd.Span, dy.Span, dx.Span, dg, db, tmp, c, start, end, accumulateDx);
            }
        });
        for (var ch = 0; ch < chunks; ch++)
        {
            TensorPrimitives.Add(dgamma.Span, partial.AsSpan(ch * 2 * c, c), dgamma.Span);
            TensorPrimitives.Add(dbeta.Span, partial.AsSpan((ch * 2 * c) + c, c), dbeta.Span);
        }
    }

    private static void Rows(ReadOnlySpan<float> xs, ReadOnlySpan<float> gamma, ReadOnlySpan<float> mean, ReadOnlySpan<float> rstd,
        ReadOnlySpan<float> dys, Span<float> dxs, Span<float> dg, Span<float> db, float[] tmp, int c, int start, int end, bool acc)
    {
        var xhat = tmp.AsSpan(0, c);
        var g = tmp.AsSpan(c, c);
        for (var r = start; r < end; r++)
        {
            var dy = dys.Slice(r * c, c);
            TensorPrimitives.Subtract(xs.Slice(r * c, c), mean[r], xhat);
            TensorPrimitives.Multiply(xhat, rstd[r], xhat);
            TensorPrimitives.FusedMultiplyAdd(dy, xhat, dg, dg);
            TensorPrimitives.Add(db, dy, db);
            TensorPrimitives.Multiply(dy, gamma, g);
            var meanG = TensorPrimitives.Sum(g) / c;
            var meanGx = TensorPrimitives.Dot(g, xhat) / c;
            // g - meanG - xhat * meanGx, then * rstd
            TensorPrimitives.MultiplyAdd(xhat, -meanGx, g, g);
            TensorPrimitives.Subtract(g, meanG, g);
            var dx = dxs.Slice(r * c, c);
            if (acc)
            {
                TensorPrimitives.MultiplyAdd(g, rstd[r], dx, dx);
            }
            else
            {
                TensorPrimitives.Multiply(g, rstd[r], dx);
            }
        }
    }

    private static int Check(Tensor x, Tensor gamma, Tensor beta)
    {
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(beta);
        if (gamma.Length != x.Last || beta.Length != x.Last)
        {
            Errors.Shapes("LayerNorm", x.Shape, gamma.Shape, $"gamma/beta length must equal the last dim {x.Last}");
        }
        return x.Last;
    }
}
