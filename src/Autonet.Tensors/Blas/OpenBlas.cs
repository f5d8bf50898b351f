using System.Runtime.InteropServices;

namespace Autonet.Tensors.Blas;

/// <summary>
/// OpenBLAS loaded at run time with <see cref="NativeLibrary"/> (Debian's libopenblas0-pthread). This is the only
/// file in the project with unsafe code: it pins spans and calls cblas_sgemm through a function pointer.
/// It does not validate shapes; <see cref="Gemm"/> does that before calling here.
/// </summary>
internal static unsafe class OpenBlas
{
    private const int RowMajor = 101; // CBLAS_ORDER, cblas.h
    private const int NoTrans = 111;
    private const int Trans = 112;

    private static readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm;
    private static readonly delegate* unmanaged<int, void> SetThreads;
    private static readonly delegate* unmanaged<int> GetThreads;
    private static readonly delegate* unmanaged<sbyte*> GetCoreName;

    /// <summary>Library name that loaded, or null when none did.</summary>
    public static readonly string? LoadedFrom;

    /// <summary>Why loading failed, for the doctor command; null when it loaded.</summary>
    public static readonly string? LoadError;

    static OpenBlas()
    {
        if (Environment.GetEnvironmentVariable("AUTONET_NO_BLAS") == "1")
        {
            LoadError = "disabled by AUTONET_NO_BLAS=1";
            return;
        }
        foreach (var name in new[] { "libopenblas.so.0", "/usr/lib/x86_64-linux-gnu/libopenblas.so.0", "libopenblas.so", "libopenblas" })
        {
            if (!NativeLibrary.TryLoad(name, out var handle))
            {
                continue;
            }
            if (!NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var sgemm))
            {
                continue;
            }
            Sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm;
            if (NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var set))
            {
                SetThreads = (delegate* unmanaged<int, void>)set;
            }
            if (NativeLibrary.TryGetExport(handle, "openblas_get_num_threads", out var get))
            {
                GetThreads = (delegate* unmanaged<int>)get;
            }
            if (NativeLibrary.TryGetExport(handle, "openblas_get_corename", out var core))
            {
                GetCoreName = (delegate* unmanaged<sbyte*>)core;
            }
            LoadedFrom = name;
            return;
        }
        LoadError = "libopenblas.so.0 not found (install Debian package libopenblas0-pthread)";
    }

    public static bool IsLoaded => Sgemm != null;

    /// <summary>The CPU kernel set OpenBLAS chose at load (e.g. "Haswell", "SkylakeX", "Zen"); null when unknown.</summary>
    public static string? CoreName => GetCoreName == null ? null : new string(GetCoreName()).Trim();

    /// <summary>Threads OpenBLAS uses for one large call; 0 when unknown.</summary>
    public static int Threads
    {
        get => GetThreads == null ? 0 : GetThreads();
        set
        {
            if (SetThreads != null)
            {
                SetThreads(value);
            }
        }
    }

    /// <summary>
    /// C split into row blocks (column blocks when n > m) of <paramref name="block"/> rows (columns), each an independent
    /// single-threaded sgemm; <paramref name="threads"/> pool threads take contiguous runs of blocks. The blocks, and so
    /// every call's shape and every sum's order, depend on the shape and the block only, never on the thread count.
    /// Pointers cross into the lambda as nint; the fixed statement keeps them valid until Parallel.For returns.
    /// </summary>
    public static void GemmBlocks(int threads, int block, bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            var (na, nb, nc) = ((nint)pa, (nint)pb, (nint)pc);
            var byRows = m >= n;
            var (ta, tb) = (transA ? Trans : NoTrans, transB ? Trans : NoTrans);
            var total = byRows ? m : n;
            var blocks = (total + block - 1) / block;
            var parts = Math.Min(threads, blocks);
            void Run(int first, int end)
            {
                var a0 = (float*)na;
                var b0 = (float*)nb;
                var c0 = (float*)nc;
                for (var i = first; i < end; i++)
                {
                    var start = i * block;
                    var count = Math.Min(block, total - start);
                    if (byRows)
                    {
                        Sgemm(RowMajor, ta, tb, count, n, k, alpha, a0 + (transA ? start : (long)start * lda), lda, b0, ldb, beta, c0 + ((long)start * ldc), ldc);
                    }
                    else
                    {
                        Sgemm(RowMajor, ta, tb, m, count, k, alpha, a0, lda, b0 + (transB ? (long)start * ldb : start), ldb, beta, c0 + start, ldc);
                    }
                }
            }
            if (parts <= 1)
            {
                Run(0, blocks);
                return;
            }
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p =>
                Run((int)((long)blocks * p / parts), (int)((long)blocks * (p + 1) / parts)));
        }
    }

    public static void Gemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            Sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }
}
