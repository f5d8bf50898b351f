using Autonet.Core.Randomness;

namespace Autonet.Core.Tests;

public class SeededRandomTests
{
    [Fact]
    public void NextUInt64_Seed42_MatchesReferenceXoshiro256StarStar()
    {
        // Expected values from an independent Python port of SplitMix64 + xoshiro256** (Vigna's reference C code).
        var random = new SeededRandom(42);
        Assert.Equal(0x15780b2e0c2ec716UL, random.NextUInt64());
        Assert.Equal(0x6104d9866d113a7eUL, random.NextUInt64());
        Assert.Equal(0xae17533239e499a1UL, random.NextUInt64());
    }

    [Fact]
    public void NextInt_SameSeed_SameSequence()
    {
        var a = new SeededRandom(7);
        var b = new SeededRandom(7);
        var c = new SeededRandom(8);
        var seqA = Enumerable.Range(0, 100).Select(_ => a.NextInt(1000)).ToArray();
        Assert.Equal(seqA, Enumerable.Range(0, 100).Select(_ => b.NextInt(1000)).ToArray());
        Assert.NotEqual(seqA, Enumerable.Range(0, 100).Select(_ => c.NextInt(1000)).ToArray());
    }

    [Fact]
    public void NextInt_ManyDraws_StaysInRangeAndCoversIt()
    {
        var random = new SeededRandom(1);
        var counts = new int[10];
        for (var i = 0; i < 100_000; i++)
        {
            counts[random.NextInt(10)]++;
        }
        // Each bucket expects 10000 with std ~95; 600 is over 6 sigma.
        Assert.All(counts, c => Assert.InRange(c, 9_400, 10_600));
        Assert.All(Enumerable.Range(0, 1000).Select(_ => random.NextInt(-3, 3)), v => Assert.InRange(v, -3, 3));
    }

    [Fact]
    public void NextGaussian_ManyDraws_HasUnitMoments()
    {
        var random = new SeededRandom(3);
        var samples = Enumerable.Range(0, 50_000).Select(_ => random.NextGaussian()).ToArray();
        var mean = samples.Average();
        var variance = samples.Select(x => (x - mean) * (x - mean)).Average();
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(variance, 0.95, 1.05);
    }

    [Fact]
    public void NextInt_NonPositiveBound_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SeededRandom(1).NextInt(0));
        Assert.Equal("maxExclusive", ex.ParamName);
    }

    [Fact]
    public void Shuffle_Array_IsAPermutation()
    {
        var items = Enumerable.Range(0, 50).ToArray();
        new SeededRandom(5).Shuffle(items.AsSpan());
        Assert.NotEqual(Enumerable.Range(0, 50), items);
        Assert.Equal(Enumerable.Range(0, 50), items.Order());
    }
}
