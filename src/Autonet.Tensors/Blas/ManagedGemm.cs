using System.Buffers;
using System.Numerics;

namespace Autonet.Tensors.Blas;

/// <summary>
/// Managed SGEMM used when OpenBLAS is missing: transposed operands are first copied to row-major form, then
/// each row of C is built as a sum of scaled rows of B with <see cref="Vector{T}"/> (an axpy kernel, 4 rows of A
/// at a time so each loaded B vector is used 4 times). About 10x slower than OpenBLAS; correct, not tuned.
/// </summary>
internal static class ManagedGemm
{
    public static void Run(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        float[]? aBuf = null, bBuf = null;
        try
        {
            if (transA)
            {
                aBuf = ArrayPool<float>.Shared.Rent(m * k);
                Transpose(a, lda, k, m, aBuf); // A is stored (k, m)
                a = aBuf.AsSpan(0, m * k);
                lda = k;
            }
            if (transB)
            {
                bBuf = ArrayPool<float>.Shared.Rent(k * n);
                Transpose(b, ldb, n, k, bBuf); // B is stored (n, k)
                b = bBuf.AsSpan(0, k * n);
                ldb = n;
            }
            Kernel(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
        finally
        {
            if (aBuf != null)
            {
                ArrayPool<float>.Shared.Return(aBuf);
            }
            if (bBuf != null)
            {
                ArrayPool<float>.Shared.Return(bBuf);
            }
        }
    }

    // src is (rows, cols) with leading dim ld; dst becomes (cols, rows) dense.
    private static void Transpose(ReadOnlySpan<float> src, int ld, int rows, int cols, Span<float> dst)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var col = 0; col < cols; col++)
            {
                dst[(col * rows) + r] = src[(r * ld) + col];
            }
        }
    }

    private static void Kernel(int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        var w = Vector<float>.Count;
        for (var i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (beta == 0)
            {
                row.Clear();
            }
            else if (beta != 1)
            {
                for (var j = 0; j < n; j++)
                {
                    row[j] *= beta;
                }
            }
            var ai = a.Slice(i * lda, k);
            var p = 0;
            for (; p + 4 <= k; p += 4)
            {
                var s0 = alpha * ai[p];
                var s1 = alpha * ai[p + 1];
                var s2 = alpha * ai[p + 2];
                var s3 = alpha * ai[p + 3];
                var b0 = b.Slice(p * ldb, n);
                var b1 = b.Slice((p + 1) * ldb, n);
                var b2 = b.Slice((p + 2) * ldb, n);
                var b3 = b.Slice((p + 3) * ldb, n);
                var j = 0;
                for (; j + w <= n; j += w)
                {
                    var acc = new Vector<float>(row[j..]);
                    acc += (new Vector<float>(b0[j..]) * s0) + (new Vector<float>(b1[j..]) * s1)
                        + (new Vector<float>(b2[j..]) * s2) + (new Vector<float>(b3[j..]) * s3);
                    acc.CopyTo(row[j..]);
                }
                for (; j < n; j++)
                {
                    row[j] += (b0[j] * s0) + (b1[j] * s1) + (b2[j] * s2) + (b3[j] * s3);
                }
            }
            for (; p < k; p++)
            {
                var s = alpha * ai[p];
                var bp = b.Slice(p * ldb, n);
                for (var j = 0; j < n; j++)
                {
                    row[j] += bp[j] * s;
                }
            }
        }
    }
}
