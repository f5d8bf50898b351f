using Autonet.Tensors.Blas;

namespace Autonet.Tensors.Tests.Blas;

public class GemmTests
{
    [Fact]
    public void NativeCore_NamesOpenBlasKernelSetOnlyWhenNative()
    {
        if (Gemm.IsNative)
        {
            Assert.Matches("^[A-Za-z0-9_]+$", Gemm.NativeCore ?? "(none)"); // e.g. Haswell, SkylakeX, Zen: the golden run's machine key
        }
        else
        {
            Assert.Null(Gemm.NativeCore);
        }
    }

    public static TheoryData<bool, bool, bool> Cases()
    {
        var d = new TheoryData<bool, bool, bool>();
        foreach (var managed in new[] { false, true })
        {
            foreach (var ta in new[] { false, true })
            {
                foreach (var tb in new[] { false, true })
                {
                    d.Add(managed, ta, tb);
                }
            }
        }
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_AnyTranspose_MatchesNaive(bool managed, bool transA, bool transB)
    {
        var (m, n, k) = (37, 29, 53);
        var (lda, ldb, ldc) = ((transA ? m : k) + 3, (transB ? k : n) + 2, n + 5); // padded leading dims
        var a = Check.Random((transA ? k : m) * lda, 1);
        var b = Check.Random((transB ? n : k) * ldb, 2);
        var expected = Check.Random(m * ldc, 3);
        var actual = (float[])expected.Clone();
        NaiveGemm.Run(transA, transB, m, n, k, 0.7f, a, lda, b, ldb, 0.3f, expected, ldc);
        Gemm.ForceManaged = managed;
        try
        {
            Gemm.Run(transA, transB, m, n, k, 0.7f, a, lda, b, ldb, 0.3f, actual, ldc);
        }
        finally
        {
            Gemm.ForceManaged = false;
        }
        Check.Close(expected, actual, 1e-4f, 1e-4f);
    }

    [Theory]
    [InlineData(false, false, 301, 200, 40)]
    [InlineData(true, true, 301, 200, 40)]
    [InlineData(false, true, 60, 700, 50)]
    [InlineData(true, false, 60, 700, 50)]
    public void Run_LargeSplitAcrossThreads_MatchesNaive(bool transA, bool transB, int m, int n, int k)
    {
        // Over 1M multiply-adds: blocks of 64 rows (m >= n) or columns (n > m) on two threads.
        var (lda, ldb, ldc) = ((transA ? m : k) + 1, (transB ? k : n) + 1, n + 1);
        var a = Check.Random((transA ? k : m) * lda, 1);
        var b = Check.Random((transB ? n : k) * ldb, 2);
        var expected = Check.Random(m * ldc, 3);
        var actual = (float[])expected.Clone();
        NaiveGemm.Run(transA, transB, m, n, k, 1.5f, a, lda, b, ldb, 1f, expected, ldc);
        var degree = Parallelism.Degree;
        Parallelism.Degree = 2;
        try
        {
            Gemm.Run(transA, transB, m, n, k, 1.5f, a, lda, b, ldb, 1f, actual, ldc);
        }
        finally
        {
            Parallelism.Degree = degree;
        }
        Check.Close(expected, actual, 1e-4f, 1e-4f);
    }

    [Theory]
    [InlineData(1, 64)]
    [InlineData(512, 64)]
    [InlineData(513, 80)]
    [InlineData(6272, 784)]
    [InlineData(100_000, 12_512)]
    public void BlockLength_ShapeOnly_AtMostEightBlocksOfAtLeast64(int length, int expected)
    {
        var block = Gemm.BlockLength(length);
        Assert.Equal(expected, block);
        Assert.True(block % 16 == 0 && block >= Gemm.MinBlockLength, $"block {block}");
        Assert.True((length + block - 1) / block <= Gemm.MaxBlocks, $"{length} rows in blocks of {block}");
    }

    [Theory]
    [InlineData(false, false, 8192, 256, 64)] // a text encoder's MLP at batch 64 (128 tokens)
    [InlineData(false, true, 128, 192, 64)] // batch 1: q/k/v of 128 tokens
    [InlineData(true, false, 301, 200, 40)]
    [InlineData(false, false, 60, 700, 50)] // split by columns
    [InlineData(false, false, 1000, 1001, 3)]
    [InlineData(false, true, 3000, 96, 32)] // more rows than 8 minimum blocks: 8 blocks of 384
    public void Run_AnyDegree_SameBits(bool transA, bool transB, int m, int n, int k)
    {
        // The signed forward's rule (seed 003's disputes): the bytes must not depend on how many threads ran it.
        var (lda, ldb) = (transA ? m : k, transB ? k : n);
        var a = Check.Random((transA ? k : m) * lda, 1);
        var b = Check.Random((transB ? n : k) * ldb, 2);
        var degree = Parallelism.Degree;
        float[]? first = null;
        try
        {
            foreach (var d in new[] { 1, 2, 3, 4, 7 })
            {
                Parallelism.Degree = d;
                var c = new float[m * n];
                Gemm.Run(transA, transB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
                first ??= c;
                var differ = Enumerable.Range(0, c.Length).Count(i => BitConverter.SingleToInt32Bits(c[i]) != BitConverter.SingleToInt32Bits(first[i]));
                Assert.True(differ == 0, $"{differ} of {c.Length} outputs differ between degree 1 and degree {d}");
            }
        }
        finally
        {
            Parallelism.Degree = degree;
        }
    }

    [Fact]
    public void Run_BufferTooSmall_NamesBufferAndSize()
    {
        var e = Assert.Throws<ArgumentException>(() => Gemm.Run(false, false, 4, 4, 4, 1, new float[15], 4, new float[16], 4, 0, new float[16], 4));
        Assert.Contains("'A' holds 15 floats, needs at least 16", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LeadingDimTooSmall_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Gemm.Run(false, false, 4, 4, 4, 1, new float[16], 3, new float[16], 4, 0, new float[16], 4));
        Assert.Contains("leading dimension of A is 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blas_OnThisMachine_LoadsOpenBlas()
    {
        // Debian's libopenblas0-pthread is part of the setup (scripts/setup.sh); the fallback must not hide a missing library.
        Assert.True(Gemm.IsNative, Gemm.Describe());
        Assert.True(Gemm.MeasureGflops(64) > 0);
    }
}
