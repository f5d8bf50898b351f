namespace Autonet.Tensors.Blas;

/// <summary>
/// The textbook triple loop for row-major C = alpha * op(A) op(B) + beta * C, accumulating in double.
/// It is the test oracle for <see cref="ManagedGemm"/> and OpenBLAS; never used on a hot path.
/// </summary>
public static class NaiveGemm
{
    public static void Run(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var p = 0; p < k; p++)
                {
                    var av = transA ? a[(p * lda) + i] : a[(i * lda) + p];
                    var bv = transB ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    sum += (double)av * bv;
                }
                var old = beta == 0 ? 0 : beta * c[(i * ldc) + j];
                c[(i * ldc) + j] = (float)((alpha * sum) + old);
            }
        }
    }
}
