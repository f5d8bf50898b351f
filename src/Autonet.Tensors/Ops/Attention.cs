using System.Buffers;
using Autonet.Tensors.Blas;

namespace Autonet.Tensors.Ops;

/// <summary>
/// Scaled dot-product attention over heads (Vaswani et al. 2017, eq. 1): O = softmax(Q K^T / sqrt(D)) V.
/// Legend: B batch, Tq query tokens, Tk key tokens, H heads, D = C / H head dim. Heads are read in place from
/// the packed projections (qkv (B, T, 3C) for self-attention; q (B, Tq, C) and kv (B, Tk, 2C) for cross) by
/// passing leading dimensions to sgemm, so nothing is transposed. (batch, head) pairs run in parallel.
/// Forward keeps P (B, H, Tq, Tk) for backward. No masking, no dropout.
/// </summary>
public static class Attention
{
    /// <summary>qkv (B, T, 3C) packed [q | k | v]; out (B, T, C); probs (B, H, T, T).</summary>
    public static void SelfForward(Tensor qkv, int heads, Tensor probs, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(qkv);
        var g = Geometry.Self(qkv, heads, probs, output);
        Run(g, qkv, 0, qkv, qkv.Last / 3, 2 * qkv.Last / 3, probs, output);
    }

    /// <summary>q (B, Tq, C); kv (B, Tk, 2C) packed [k | v]; out (B, Tq, C); probs (B, H, Tq, Tk).</summary>
    public static void CrossForward(Tensor q, Tensor kv, int heads, Tensor probs, Tensor output)
    {
        var g = Geometry.Cross(q, kv, heads, probs, output);
        Run(g, q, 0, kv, 0, kv.Last / 2, probs, output);
    }

    /// <summary>dQkv (B, T, 3C) is overwritten.</summary>
    public static void SelfBackward(Tensor qkv, int heads, Tensor probs, Tensor dOut, Tensor dQkv)
    {
        ArgumentNullException.ThrowIfNull(qkv);
        ArgumentNullException.ThrowIfNull(dQkv);
        var g = Geometry.Self(qkv, heads, probs, dOut);
        dQkv.Expect("Attention dQkv", qkv.Shape);
        RunBackward(g, qkv, dQkv, 0, qkv, dQkv, qkv.Last / 3, 2 * qkv.Last / 3, probs, dOut);
    }

    /// <summary>dq (B, Tq, C) and dkv (B, Tk, 2C) are overwritten.</summary>
    public static void CrossBackward(Tensor q, Tensor kv, int heads, Tensor probs, Tensor dOut, Tensor dq, Tensor dkv)
    {
        ArgumentNullException.ThrowIfNull(dq);
        ArgumentNullException.ThrowIfNull(dkv);
        var g = Geometry.Cross(q, kv, heads, probs, dOut);
        dq.Expect("Attention dq", q.Shape);
        dkv.Expect("Attention dkv", kv.Shape);
        RunBackward(g, q, dq, 0, kv, dkv, 0, kv.Last / 2, probs, dOut);
    }

    private static void Run(Geometry g, Tensor q, int qo, Tensor kv, int ko, int vo, Tensor probs, Tensor output)
    {
        var scale = 1f / MathF.Sqrt(g.D);
        Parallelism.For(g.B * g.H, 1, (start, end) =>
        {
            for (var bh = start; bh < end; bh++)
            {
                var (b, h) = (bh / g.H, bh % g.H);
                var qb = q.Offset + (b * g.Tq * g.Qs) + qo + (h * g.D);
                var kb = kv.Offset + (b * g.Tk * g.Kvs) + ko + (h * g.D);
                var vb = kv.Offset + (b * g.Tk * g.Kvs) + vo + (h * g.D);
                var p = probs.Data.AsSpan(probs.Offset + (bh * g.Tq * g.Tk), g.Tq * g.Tk); // (Tq, Tk)
                var o = output.Data.AsSpan(output.Offset + (b * g.Tq * g.C) + (h * g.D)); // (Tq, D), ld C
                Gemm.Run(false, true, g.Tq, g.Tk, g.D, scale, q.Data.AsSpan(qb), g.Qs, kv.Data.AsSpan(kb), g.Kvs, 0, p, g.Tk);
                for (var r = 0; r < g.Tq; r++)
                {
                    var row = p.Slice(r * g.Tk, g.Tk);
                    Softmax.Row(row, row);
                }
                Gemm.Run(false, false, g.Tq, g.D, g.Tk, 1, p, g.Tk, kv.Data.AsSpan(vb), g.Kvs, 0, o, g.C);
            }
        });
    }

    private static void RunBackward(Geometry g, Tensor q, Tensor dq, int qo, Tensor kv, Tensor dkv, int ko, int vo, Tensor probs, Tensor dOut)
    {
        var scale = 1f / MathF.Sqrt(g.D);
        Parallelism.For(g.B * g.H, 1, (start, end) =>
        {
            var dp = ArrayPool<float>.Shared.Rent(g.Tq * g.Tk);
            try
            {
                var ds = dp.AsSpan(0, g.Tq * g.Tk); // (Tq, Tk)
                for (var bh = start; bh < end; bh++)
                {
                    var (b, h) = (bh / g.H, bh % g.H);
                    var qb = (b * g.Tq * g.Qs) + qo + (h * g.D);
                    var kb = (b * g.Tk * g.Kvs) + ko + (h * g.D);
                    var vb = (b * g.Tk * g.Kvs) + vo + (h * g.D);
                    var p = probs.Data.AsSpan(probs.Offset + (bh * g.Tq * g.Tk), g.Tq * g.Tk);
                    var dO = dOut.Data.AsSpan(dOut.Offset + (b * g.Tq * g.C) + (h * g.D));
                    // dP = dO V^T; dV = P^T dO
                    Gemm.Run(false, true, g.Tq, g.Tk, g.D, 1, dO, g.C, kv.Data.AsSpan(kv.Offset + vb), g.Kvs, 0, ds, g.Tk);
                    Gemm.Run(true, false, g.Tk, g.D, g.Tq, 1, p, g.Tk, dO, g.C, 0, dkv.Data.AsSpan(dkv.Offset + vb), g.Kvs);
                    for (var r = 0; r < g.Tq; r++)
                    {
                        var row = ds.Slice(r * g.Tk, g.Tk);
                        Softmax.RowBackward(p.Slice(r * g.Tk, g.Tk), row, row);
                    }
                    // dQ = scale dS K; dK = scale dS^T Q
                    Gemm.Run(false, false, g.Tq, g.D, g.Tk, scale, ds, g.Tk, kv.Data.AsSpan(kv.Offset + kb), g.Kvs, 0, dq.Data.AsSpan(dq.Offset + qb), g.Qs);
                    Gemm.Run(true, false, g.Tk, g.D, g.Tq, scale, ds, g.Tk, q.Data.AsSpan(q.Offset + qb), g.Qs, 0, dkv.Data.AsSpan(dkv.Offset + kb), g.Kvs);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(dp);
            }
        });
    }

    private readonly record struct Geometry(int B, int Tq, int Tk, int H, int D, int C, int Qs, int Kvs)
    {
        public static Geometry Self(Tensor qkv, int heads, Tensor probs, Tensor output)
        {
            ArgumentNullException.ThrowIfNull(probs);
            ArgumentNullException.ThrowIfNull(output);
            if (qkv.Rank != 3 || qkv.Last % 3 != 0)
            {
                Errors.Shape("Attention", $"qkv must be (B, T, 3C), got {Errors.Format(qkv.Shape)}");
            }
            var (b, t, c) = (qkv.Shape[0], qkv.Shape[1], qkv.Last / 3);
            return Make(b, t, t, heads, c, 3 * c, 3 * c, probs, output);
        }

        public static Geometry Cross(Tensor q, Tensor kv, int heads, Tensor probs, Tensor output)
        {
            ArgumentNullException.ThrowIfNull(q);
            ArgumentNullException.ThrowIfNull(kv);
            ArgumentNullException.ThrowIfNull(probs);
            ArgumentNullException.ThrowIfNull(output);
            if (q.Rank != 3 || kv.Rank != 3 || kv.Shape[0] != q.Shape[0] || kv.Last != 2 * q.Last)
            {
                Errors.Shapes("Attention", q.Shape, kv.Shape, "need q (B, Tq, C) and kv (B, Tk, 2C)");
            }
            return Make(q.Shape[0], q.Shape[1], kv.Shape[1], heads, q.Last, q.Last, kv.Last, probs, output);
        }

        private static Geometry Make(int b, int tq, int tk, int h, int c, int qs, int kvs, Tensor probs, Tensor output)
        {
            if (h <= 0 || c % h != 0)
            {
                Errors.Shape("Attention", $"width {c} is not divisible by {h} heads");
            }
            probs.Expect("Attention probs", b, h, tq, tk);
            output.Expect("Attention output", b, tq, c);
            return new Geometry(b, tq, tk, h, c / h, c, qs, kvs);
        }
    }
}
