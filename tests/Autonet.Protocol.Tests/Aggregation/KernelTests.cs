using Autonet.Protocol.Aggregation;

namespace Autonet.Protocol.Tests.Aggregation;

/// <summary>
/// Reference comparison: every fast kernel, at both vector widths and with 1 and 2 threads, against the plain-loop
/// oracle, bit for bit, over random shapes: 1..32 rows, odd lengths, and lengths spanning several segments.
/// </summary>
public class KernelTests
{
    private static readonly ReferenceKernels Naive = ReferenceKernels.Instance;

    // Vector256 and Vector512 (emulated where AVX-512 is missing: slower, same bytes), one and two threads.
    private static readonly FastKernels[] Fast = [new(1, false), new(2, false), new(1, true), new(2, true)];

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    // Even seeds: short rows (one segment, every tail length); odd seeds: 2 or 3 segments with a ragged last one.
    private static (ReadOnlyMemory<float>[] Rows, float[] Scales, int Length) Inputs(int seed)
    {
        var random = new Random(seed);
        var n = seed % 2 == 0 ? random.Next(1, 33) : random.Next(1, 9);
        var length = seed % 2 == 0 ? random.Next(1, 2600) : (Segments.Length * random.Next(1, 3)) + random.Next(1, 300);
        var rows = Enumerable.Range(0, n).Select(_ => (ReadOnlyMemory<float>)RandomUpdates.Delta(random, length)).ToArray();
        var scales = Enumerable.Range(0, n).Select(_ => random.Next(3) == 0 ? (float)random.NextDouble() : 1f).ToArray();
        return (rows, scales, length);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SumsOfSquares_RandomLengths_MatchesReferenceExactly(int seed)
    {
        var (rows, _, _) = Inputs(seed);
        var expected = new double[rows.Length];
        Naive.SumsOfSquares(rows, expected);
        foreach (var fast in Fast)
        {
            var actual = new double[rows.Length];
            fast.SumsOfSquares(rows, actual);
            AssertBitwiseEqual(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void WeightedMean_RandomInputs_MatchesReferenceExactly(int seed)
    {
        var (rows, scales, length) = Inputs(seed);
        var weights = Enumerable.Range(0, rows.Length).Select(i => 1.0 / (i + 1.5)).ToArray();
        var ones = Enumerable.Repeat(1f, rows.Length).ToArray();
        foreach (var rowScales in new[] { scales, ones })
        {
            var expected = new float[length];
            var expectedSums = new double[rows.Length];
            Naive.WeightedMean(rows, rowScales, weights, expected, expectedSums);
            foreach (var fast in Fast)
            {
                var actual = new float[length];
                var actualSums = new double[rows.Length];
                fast.WeightedMean(rows, rowScales, weights, actual, actualSums);
                RandomUpdates.AssertBitwiseEqual(expected, actual);
                AssertBitwiseEqual(expectedSums, actualSums);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TrimmedMean_Trims_MatchesReferenceExactly(int seed)
    {
        var (rows, scales, length) = Inputs(seed);
        var n = rows.Length;
        // Short rows: every trim; long rows: none, one, a middle one and the median.
        var trims = length < Segments.Length ? Enumerable.Range(0, ((n - 1) / 2) + 1) : new[] { 0, Math.Min(1, (n - 1) / 2), (n - 1) / 4, (n - 1) / 2 }.Distinct();
        foreach (var trim in trims)
        {
            var expected = new float[length];
            var expectedSums = new double[n];
            Naive.TrimmedMean(rows, scales, trim, expected, expectedSums);
            foreach (var fast in Fast)
            {
                var actual = new float[length];
                var actualSums = new double[n];
                fast.TrimmedMean(rows, scales, trim, actual, actualSums);
                RandomUpdates.AssertBitwiseEqual(expected, actual);
                AssertBitwiseEqual(expectedSums, actualSums);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void PairwiseSquaredDistances_RandomInputs_MatchesReferenceExactly(int seed)
    {
        var (rows, scales, _) = Inputs(seed);
        var n = rows.Length;
        var expected = new double[n * n];
        var expectedSums = new double[n];
        Naive.PairwiseSquaredDistances(rows, scales, expected, expectedSums);
        foreach (var fast in Fast)
        {
            var actual = new double[n * n];
            var actualSums = new double[n];
            fast.PairwiseSquaredDistances(rows, scales, actual, actualSums);
            AssertBitwiseEqual(expected, actual);
            AssertBitwiseEqual(expectedSums, actualSums);
        }
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
            Naive.TrimmedMean(rows, scales, trim, expected, null);
            foreach (var fast in Fast)
            {
                var actual = new float[1030];
                fast.TrimmedMean(rows, scales, trim, actual, null);
                RandomUpdates.AssertBitwiseEqual(expected, actual);
            }
        }
    }

    [Fact]
    public void TrimmedMean_SignedZerosOnly_GivesPositiveZero()
    {
        ReadOnlyMemory<float>[] rows = [new[] { -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f, -0f }, new[] { -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, 0f }];
        float[] scales = [1f, 1f];
        foreach (var kernels in Fast.Append<IAggregationKernels>(Naive))
        {
            var result = new float[9];
            kernels.TrimmedMean(rows, scales, 0, result, null);
            Assert.All(result, v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
        }
    }

    [Fact]
    public void SumsOfSquares_OneSegmentOrLess_IsThePlainStripedSum()
    {
        // The segmented order changes nothing for deltas of at most 2^16 floats: their norms are the ones of before.
        var values = RandomUpdates.Delta(new Random(3), Segments.Length);
        var partials = new double[StripedSum.Stripes];
        for (var j = 0; j < values.Length; j++)
        {
            partials[j % StripedSum.Stripes] += (double)values[j] * values[j];
        }

        var sums = new double[1];
        Naive.SumsOfSquares([values], sums);
        Assert.Equal(BitConverter.DoubleToInt64Bits(StripedSum.Combine(partials)), BitConverter.DoubleToInt64Bits(sums[0]));
    }

    [Fact]
    public void FastKernels_ZeroThreads_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FastKernels(0, false));
        Assert.Equal("threads", error.ParamName);
    }

    // The fused squares (one FMA per square, ILanes.AddSquareExact) rely on x · x of a float being exact in double: at
    // the ends of float's range too (subnormals, the largest floats), mixed in one stripe with ordinary values, and with
    // lengths that leave a tail after the last whole chunk. The median's power-of-two mean multiplies by 1/2 instead of
    // dividing: the same bytes for the smallest and largest sums too.
    [Theory]
    [InlineData(1, 64)]
    [InlineData(4, 1000)]
    [InlineData(9, 65_571)]
    public void Kernels_ExtremeMagnitudes_MatchReferenceExactly(int n, int length)
    {
        var random = new Random(n * length);
        float[] special = [float.Epsilon, -float.Epsilon, 1e-40f, -3e-39f, 1.17549435e-38f, float.MaxValue, -float.MaxValue, 3e38f, 1e-20f, 16777215f, 0.1f, -0f];
        var rows = Enumerable.Range(0, n).Select(_ =>
        {
            var row = RandomUpdates.Delta(random, length);
            for (var j = 0; j < length; j++)
            {
                if (random.Next(3) == 0)
                {
                    row[j] = special[random.Next(special.Length)];
                }
            }

            return (ReadOnlyMemory<float>)row;
        }).ToArray();
        var ones = Enumerable.Repeat(1f, n).ToArray();
        var weights = Enumerable.Range(0, n).Select(i => 1.0 / (i + 3)).ToArray();
        var expectedSums = new double[n];
        Naive.SumsOfSquares(rows, expectedSums);
        var expectedMean = new float[length];
        Naive.WeightedMean(rows, ones, weights, expectedMean, null);
        var expectedMedian = new float[length];
        Naive.TrimmedMean(rows, ones, (n - 1) / 2, expectedMedian, null);
        foreach (var fast in Fast)
        {
            var sums = new double[n];
            fast.SumsOfSquares(rows, sums);
            AssertBitwiseEqual(expectedSums, sums);
            var mean = new float[length];
            var meanSums = new double[n];
            fast.WeightedMean(rows, ones, weights, mean, meanSums);
            RandomUpdates.AssertBitwiseEqual(expectedMean, mean);
            AssertBitwiseEqual(expectedSums, meanSums);
            var median = new float[length];
            var medianSums = new double[n];
            fast.TrimmedMean(rows, ones, (n - 1) / 2, median, medianSums);
            RandomUpdates.AssertBitwiseEqual(expectedMedian, median);
            AssertBitwiseEqual(expectedSums, medianSums);
        }
    }

    private static void AssertBitwiseEqual(double[] expected, double[] actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
}
