using System.Diagnostics;

namespace Autonet.Tensors.Blas;

/// <summary>
/// Row-major single-precision GEMM, C = alpha * op(A) * op(B) + beta * C (BLAS sgemm semantics, leading
/// dimensions included so strided views such as one attention head need no copy). Runs OpenBLAS when it
/// loaded, else <see cref="ManagedGemm"/>. <see cref="IsNative"/> and <see cref="MeasureGflops"/> serve `doctor`.
/// </summary>
public static class Gemm
{
    /// <summary>True when cblas_sgemm from libopenblas.so.0 is in use.</summary>
    public static bool IsNative => OpenBlas.IsLoaded && !ForceManaged;

    /// <summary>The kernel set the native library chose for this CPU (OpenBLAS's core name), null when managed or unknown; float bits can differ between kernel sets.</summary>
    public static string? NativeCore => IsNative ? OpenBlas.CoreName : null;

    /// <summary>Tests set this to run the managed kernel even when OpenBLAS loaded.</summary>
    public static bool ForceManaged { get; set; }

    /// <summary>The library that loaded, or why none did; for diagnostics.</summary>
    public static string Describe() => OpenBlas.IsLoaded
        ? $"OpenBLAS ({OpenBlas.LoadedFrom}, {(_split ? $"split over {Parallelism.Degree} .NET threads" : $"{OpenBlas.Threads} OpenBLAS threads")})"
        : $"managed fallback: {OpenBlas.LoadError}";

    /// <summary>Threads OpenBLAS may use inside one call when <see cref="SplitAcrossThreads"/> is false.</summary>
    public static int NativeThreads
    {
        get => _nativeThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _nativeThreads = value;
            OpenBlas.Threads = _split ? 1 : value;
        }
    }

    /// <summary>
    /// When true, large products are split into row (or column) blocks of <see cref="BlockLength"/> rows (a function of the shape), each run by
    /// single-threaded OpenBLAS, spread over <see cref="Parallelism.Degree"/> .NET pool threads, instead of OpenBLAS's
    /// own threads. The blocks depend on the shape only, so the bytes of C do not depend on the thread count (the
    /// dispute rule of seed 003: a client that recomputes a signed response on another machine must get the same bytes). OpenBLAS's idle workers
    /// spin for about 2^28 cycles after each call, stealing a core from the elementwise ops that run between GEMMs.
    /// </summary>
    public static bool SplitAcrossThreads
    {
        get => _split;
        set
        {
            _split = value;
            OpenBlas.Threads = value ? 1 : _nativeThreads;
        }
    }

    private static bool _split = InitSplit();
    private static int _nativeThreads = Environment.ProcessorCount;

    private static bool InitSplit()
    {
        OpenBlas.Threads = 1;
        return true;
    }

    private const long SplitMinMacs = 1L << 20; // below ~1M multiply-adds one thread is faster than two

    /// <summary>The fewest rows (or columns) of C in a block of a split product: a multiple of OpenBLAS's sgemm unroll (16 x 4 on AVX-512).</summary>
    public const int MinBlockLength = 64;

    /// <summary>At most this many blocks per split product: each block repacks the other operand, so 64-row blocks of a
    /// 6,272-row product (98 calls) cost 10 % of training speed against 2 (bench/tensors/run.sh, 2026-12-02).</summary>
    public const int MaxBlocks = 8;

    /// <summary>
    /// Rows (or columns) of C per block of a split product of <paramref name="length"/> rows (columns): a function of the
    /// shape alone, never of the thread count, so the bytes of C do not depend on it. At least
    /// <see cref="MinBlockLength"/>, at most <see cref="MaxBlocks"/> blocks, a multiple of 16.
    /// </summary>
    public static int BlockLength(int length)
    {
        var perBlock = (length + MaxBlocks - 1) / MaxBlocks;
        return Math.Max(MinBlockLength, (perBlock + 15) / 16 * 16);
    }

    /// <exception cref="ArgumentException">A dimension is negative or a buffer is too small for its view.</exception>
    public static void Run(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        Check(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }
        if (IsNative && SplitAcrossThreads && (long)m * n * k >= SplitMinMacs)
        {
            // Blocked at any degree, one thread included: the same calls whatever the thread count (a split into
            // Degree parts changed the rounding of 1,360 of 42,000 outputs of a 60 x 700 x 50 product at 7 threads)
            OpenBlas.GemmBlocks(Parallelism.Degree, BlockLength(m >= n ? m : n), transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
        else if (IsNative)
        {
            OpenBlas.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
        else
        {
            ManagedGemm.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
    }

    /// <summary>Times square n x n x n products for about 0.3 s and returns the best GFLOP/s (2n^3 flops per call).</summary>
    public static double MeasureGflops(int n = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 16);
        var a = new float[n * n];
        var b = new float[n * n];
        var c = new float[n * n];
        var rng = new Random(1);
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = (float)rng.NextDouble() - 0.5f;
            b[i] = (float)rng.NextDouble() - 0.5f;
        }
        Run(false, false, n, n, n, 1, a, n, b, n, 0, c, n); // warm-up: thread pool and packing buffers
        var best = 0.0;
        var total = Stopwatch.StartNew();
        var calls = 0;
        while (calls < 3 || (total.Elapsed.TotalSeconds < 0.3 && calls < 50))
        {
            var sw = Stopwatch.StartNew();
            Run(false, false, n, n, n, 1, a, n, b, n, 0, c, n);
            best = Math.Max(best, 2.0 * n * n * n / sw.Elapsed.TotalSeconds / 1e9);
            calls++;
        }
        return best;
    }

    private static void Check(bool transA, bool transB, int m, int n, int k, int aLen, int lda, int bLen, int ldb, int cLen, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            Errors.Shape("Gemm", $"dimensions must be >= 0, got m={m} n={n} k={k}");
        }
        if (m == 0 || n == 0)
        {
            return;
        }
        Need("A", transA ? k : m, transA ? m : k, aLen, lda);
        Need("B", transB ? n : k, transB ? k : n, bLen, ldb);
        Need("C", m, n, cLen, ldc);
    }

    private static void Need(string name, int rows, int cols, int length, int ld)
    {
        if (ld < Math.Max(1, cols))
        {
            Errors.Shape("Gemm", $"leading dimension of {name} is {ld}, must be >= its {cols} columns");
        }
        if (rows == 0 || cols == 0)
        {
            return;
        }
        var required = ((long)(rows - 1) * ld) + cols;
        if (length < required)
        {
            Errors.Buffer("Gemm", name, length, required);
        }
    }
}
