using Autonet.Storage.Erasure;

namespace Autonet.Storage.Tests.Erasure;

public class GaloisKernelTests
{
    public static TheoryData<string> FastKernels()
    {
        var data = new TheoryData<string>();
        foreach (var kernel in GaloisKernels.All.Skip(1))
        {
            data.Add(kernel.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FastKernels))]
    public void Multiply_RandomMatrices_MatchesNaive(string name)
    {
        var kernel = GaloisKernels.All.Single(k => k.Name == name);
        if (!kernel.IsSupported)
        {
            return; // this CPU lacks the instructions; Supported_ListsBestLast covers the selection
        }

        var random = new Random(1234);
        int[] lengths = [0, 1, 31, 32, 33, 63, 64, 65, 127, 1000, 4096, 8191, 8192, 8193, 20000];
        foreach (var length in lengths)
        {
            var rows = random.Next(1, 10);
            var columns = random.Next(1, 12);
            var matrix = new byte[rows * columns];
            random.NextBytes(matrix);
            var inputs = Enumerable.Range(0, columns).Select(_ => RandomBytes(random, length)).ToArray();
            var expected = Enumerable.Range(0, rows).Select(_ => new byte[length]).ToArray();
            var actual = Enumerable.Range(0, rows).Select(_ => RandomBytes(random, length)).ToArray();
            GaloisKernels.Naive.Multiply(matrix, inputs, expected, length);
            kernel.Multiply(matrix, inputs, actual, length);
            for (var r = 0; r < rows; r++)
            {
                Assert.True(expected[r].AsSpan().SequenceEqual(actual[r]), $"{name}: row {r} of {rows}x{columns}, length {length}");
            }
        }
    }

    // Every group shape the vector loop has (4-row groups, the 1-row rest, the blocked path above 4 rows), with
    // lengths around its step sizes (2 and 8 vectors of 32 or 64 bytes) and its overlapping last step.
    [Theory]
    [MemberData(nameof(FastKernels))]
    public void Multiply_EveryGroupShapeAndOddLength_MatchesNaive(string name)
    {
        var kernel = GaloisKernels.All.Single(k => k.Name == name);
        if (!kernel.IsSupported)
        {
            return; // this CPU lacks the instructions
        }

        var random = new Random(4321);
        int[] lengths = [63, 64, 127, 128, 129, 255, 256, 257, 383, 511, 512, 513, 767, 1025, 30001];
        foreach (var rows in new[] { 1, 2, 3, 4, 5, 7, 8, 9 })
        {
            foreach (var columns in new[] { 1, 2, 3, 4, 10, 17 })
            {
                var length = lengths[random.Next(lengths.Length)];
                var matrix = new byte[rows * columns];
                random.NextBytes(matrix);
                var inputs = Enumerable.Range(0, columns).Select(_ => RandomBytes(random, length)).ToArray();
                var expected = Enumerable.Range(0, rows).Select(_ => new byte[length]).ToArray();
                var actual = Enumerable.Range(0, rows).Select(_ => RandomBytes(random, length + 7)).ToArray();
                var beyond = actual.Select(row => row[length..]).ToArray();
                GaloisKernels.Naive.Multiply(matrix, inputs, expected, length);
                kernel.Multiply(matrix, inputs, actual, length);
                for (var r = 0; r < rows; r++)
                {
                    Assert.True(expected[r].AsSpan().SequenceEqual(actual[r].AsSpan(0, length)), $"{name}: row {r} of {rows}x{columns}, length {length}");
                    Assert.True(beyond[r].AsSpan().SequenceEqual(actual[r].AsSpan(length)), $"{name}: row {r} written past length {length}");
                }
            }
        }
    }

    [Fact]
    public void Multiply_EveryCoefficient_MatchesFieldMultiply()
    {
        var input = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        foreach (var kernel in GaloisKernels.Supported)
        {
            for (var c = 0; c < 256; c++)
            {
                var output = new byte[256];
                kernel.Multiply([(byte)c], [input], [output], 256);
                for (var x = 0; x < 256; x++)
                {
                    Assert.Equal(GaloisField.Mul((byte)c, (byte)x), output[x]);
                }
            }
        }
    }

    [Fact]
    public void Supported_Always_IncludesNaiveAndBestIsLast()
    {
        Assert.Same(GaloisKernels.Naive, GaloisKernels.Supported[0]);
        Assert.Same(GaloisKernels.Supported[^1], GaloisKernels.Best);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
