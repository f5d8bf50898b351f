using Autonet.Protocol.Aggregation;

namespace Autonet.Protocol.Tests.Aggregation;

/// <summary>Reference comparison: every fast kernel against the plain-loop oracle, bit for bit, over random shapes.</summary>
public class KernelTests
{
    private static readonly FastKernels Fast = FastKernels.Instance;
    private static readonly ReferenceKernels Naive = ReferenceKernels.Instance;

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    private static (ReadOnlyMemory<float>[] Rows, float[] Scales, int Length) Inputs(int seed)
    {
        var random = new Random(seed);
        var n = random.Next(1, 24);
        var length = random.Next(1, 2600) + (seed % 2 == 0 ? 1024 : 0);
        var rows = Enumerable.Range(0, n).Select(_ => (ReadOnlyMemory<float>)RandomUpdates.Delta(random, length)).ToArray();
        var scales = Enumerable.Range(0, n).Select(_ => random.Next(3) == 0 ? (float)random.NextDouble() : 1f).ToArray();
        return (rows, scales, length);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SumOfSquares_RandomLengths_MatchesReferenceExactly(int seed)
    {
        var (rows, _, _) = Inputs(seed);
        foreach (var row in rows)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(Naive.SumOfSquares(row.Span)), BitConverter.DoubleToInt64Bits(Fast.SumOfSquares(row.Span)));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void WeightedMean_RandomInputs_MatchesReferenceExactly(int seed)
    {
        var (rows, scales, length) = Inputs(seed);
        var weights = Enumerable.Range(0, rows.Length).Select(i => 1.0 / (i + 1.5)).ToArray();
        var expected = new float[length];
        var actual = new float[length];
        var expectedSums = new double[rows.Length];
        var actualSums = new double[rows.Length];
        Naive.WeightedMean(rows, scales, weights, expected, expectedSums);
        Fast.WeightedMean(rows, scales, weights, actual, actualSums);
        AssertBitwiseEqual(expectedSums, actualSums);
        Assert.Equal(rows.Select(r => Naive.SumOfSquares(r.Span)), expectedSums);
        RandomUpdates.AssertBitwiseEqual(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TrimmedMean_EveryTrim_MatchesReferenceExactly(int seed)
    {
        var (rows, scales, length) = Inputs(seed);
        for (var trim = 0; 2 * trim < rows.Length; trim++)
        {
            var expected = new float[length];
            var actual = new float[length];
            var expectedSums = new double[rows.Length];
            var actualSums = new double[rows.Length];
            Naive.TrimmedMean(rows, scales, trim, expected, expectedSums);
            Fast.TrimmedMean(rows, scales, trim, actual, actualSums);
            RandomUpdates.AssertBitwiseEqual(expected, actual);
            AssertBitwiseEqual(expectedSums, actualSums);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void PairwiseSquaredDistances_RandomInputs_MatchesReferenceExactly(int seed)
    {
        var (rows, scales, _) = Inputs(seed);
        var n = rows.Length;
        var expected = new double[n * n];
        var actual = new double[n * n];
        var expectedSums = new double[n];
        var actualSums = new double[n];
        Naive.PairwiseSquaredDistances(rows, scales, expected, expectedSums);
        Fast.PairwiseSquaredDistances(rows, scales, actual, actualSums);
        AssertBitwiseEqual(expected, actual);
        AssertBitwiseEqual(expectedSums, actualSums);
    }

    [Fact]
    public void TrimmedMean_SeventyUpdates_MatchesReferenceExactly()
    {
        var random = new Random(70);
        var rows = Enumerable.Range(0, 70).Select(_ => (ReadOnlyMemory<float>)RandomUpdates.Delta(random, 1030)).ToArray();
        var scales = Enumerable.Repeat(1f, 70).ToArray();
        foreach (var trim in new[] { 0, 7, 34 })
        {
            var expected = new float[1030];
            var actual = new float[1030];
            Naive.TrimmedMean(rows, scales, trim, expected, null);
            Fast.TrimmedMean(rows, scales, trim, actual, null);
            RandomUpdates.AssertBitwiseEqual(expected, actual);
        }
    }

    [Fact]
    public void TrimmedMean_SignedZerosOnly_GivesPositiveZero()
    {
        ReadOnlyMemory<float>[] rows = [new[] { -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f }, new[] { -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, 0f }];
        float[] scales = [1f, 1f];
        foreach (var kernels in new IAggregationKernels[] { Fast, Naive })
        {
            var result = new float[9];
            kernels.TrimmedMean(rows, scales, 0, result, null);
            Assert.All(result, v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
        }
    }

    private static void AssertBitwiseEqual(double[] expected, double[] actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
}
