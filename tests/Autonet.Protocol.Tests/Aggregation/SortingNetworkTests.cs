using Autonet.Protocol.Aggregation;

namespace Autonet.Protocol.Tests.Aggregation;

public class SortingNetworkTests
{
    private static int[] Apply((int Low, int High)[] network, int[] values)
    {
        var v = (int[])values.Clone();
        foreach (var (low, high) in network)
        {
            if (v[low] > v[high])
            {
                (v[low], v[high]) = (v[high], v[low]);
            }
        }

        return v;
    }

    [Fact]
    public void Build_AllZeroOneInputsUpTo12_Sorts()
    {
        // The 0-1 principle (Knuth 5.3.4, Theorem Z): a network sorting every 0-1 input sorts every input.
        for (var n = 1; n <= 12; n++)
        {
            var network = SortingNetwork.Build(n, 0, n - 1);
            for (var bits = 0; bits < 1 << n; bits++)
            {
                var input = Enumerable.Range(0, n).Select(i => (bits >> i) & 1).ToArray();
                Assert.Equal(input.Order().ToArray(), Apply(network, input));
            }
        }
    }

    [Fact]
    public void Build_PrunedToMiddleRanks_PlacesThoseRanks()
    {
        var random = new Random(7);
        for (var n = 1; n <= 70; n++)
        {
            for (var trim = 0; 2 * trim < n; trim += Math.Max(1, n / 5))
            {
                var network = SortingNetwork.Build(n, trim, n - 1 - trim);
                for (var trial = 0; trial < 20; trial++)
                {
                    var input = Enumerable.Range(0, n).Select(_ => random.Next(10)).ToArray();
                    var sorted = input.Order().ToArray();
                    var output = Apply(network, input);
                    Assert.Equal(sorted[trim..(n - trim)], output[trim..(n - trim)]);
                }
            }
        }
    }

    [Fact]
    public void Build_MedianOnly_UsesFewerComparatorsThanFullSort()
    {
        Assert.True(SortingNetwork.Build(32, 15, 16).Length < SortingNetwork.Build(32, 0, 31).Length);
    }

    [Fact]
    public void Build_RankOutOfRange_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SortingNetwork.Build(4, 0, 4));
        Assert.Equal("last", error.ParamName);
    }
}
