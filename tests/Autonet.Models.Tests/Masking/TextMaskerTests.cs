using Autonet.Core.Randomness;
using Autonet.Models.Masking;

namespace Autonet.Models.Tests.Masking;

public class TextMaskerTests
{
    private static readonly TextMasker Masker = new(new TextMaskConfig());

    [Theory]
    [InlineData(60)]
    [InlineData(128)]
    [InlineData(511)]
    [InlineData(2048)]
    public void Sample_VariousLengths_RatioAndSpansWithinBounds(int length)
    {
        var random = new SeededRandom((ulong)length);
        for (var i = 0; i < 200; i++)
        {
            var set = Masker.Sample(length, random);
            var masked = set.Targets.Sum(t => t.Length);
            // Budget is round(r * L) with r in [0.15, 0.25]; spans are placed until it is spent.
            Assert.InRange(masked, (int)Math.Floor(0.15 * length), (int)Math.Ceiling(0.25 * length));
            Assert.All(set.Targets, t => Assert.InRange(t.Length, 3, 15));
            Assert.All(set.Targets, t => Assert.Equal(Enumerable.Range(t[0], t.Length), t)); // contiguous
            Assert.Equal(length, set.Context.Length + masked);
            Assert.Empty(set.Context.Intersect(set.AllTargets()));
            Assert.Equal(masked, set.AllTargets().Length); // spans do not overlap
        }
    }

    [Fact]
    public void PickStart_RandomLayouts_MatchesNaiveOracle()
    {
        var layout = new SeededRandom(20);
        for (var trial = 0; trial < 2000; trial++)
        {
            var taken = new bool[layout.NextInt(1, 80)];
            for (var k = 0; k < taken.Length; k++)
            {
                taken[k] = layout.NextInt(4) == 0;
            }
            var span = layout.NextInt(1, 15);
            var seed = layout.NextUInt64();
            Assert.Equal(TextMasker.PickStartNaive(new SeededRandom(seed), taken, span), TextMasker.PickStart(new SeededRandom(seed), taken, span));
        }
    }

    [Fact]
    public void Sample_Spans_NeverTouch()
    {
        var random = new SeededRandom(5);
        for (var i = 0; i < 200; i++)
        {
            var targets = Masker.Sample(300, random).Targets;
            for (var k = 1; k < targets.Length; k++)
            {
                Assert.True(targets[k][0] > targets[k - 1][^1] + 1, "spans must be separated by a visible token");
            }
        }
    }

    [Fact]
    public void Sample_PaddedSequence_OnlyRealTokensUsed()
    {
        var mask = new byte[512];
        mask.AsSpan(0, 100).Fill(1);
        var random = new SeededRandom(6);
        for (var i = 0; i < 200; i++)
        {
            var set = Masker.Sample(mask, random);
            Assert.All(set.Context.Concat(set.AllTargets()), p => Assert.InRange(p, 0, 99));
            Assert.Equal(100, set.Context.Length + set.AllTargets().Length);
        }
    }

    [Fact]
    public void Sample_MaskWithHoles_SkipsPaddingPositions()
    {
        var mask = Enumerable.Range(0, 200).Select(i => (byte)(i % 4 == 3 ? 0 : 1)).ToArray();
        var set = Masker.Sample(mask, new SeededRandom(7));
        Assert.All(set.Context.Concat(set.AllTargets()), p => Assert.Equal(1, mask[p]));
        Assert.Equal(150, set.Context.Length + set.AllTargets().Length);
    }

    [Fact]
    public void Sample_ShortestAllowedSequence_OneSpanAndMinimumContext()
    {
        var set = Masker.Sample(7, new SeededRandom(8));
        var span = Assert.Single(set.Targets);
        Assert.Equal(3, span.Length);
        Assert.Equal(4, set.Context.Length);
    }

    [Fact]
    public void Sample_TooShort_ThrowsNamingRule()
    {
        var ex = Assert.Throws<ArgumentException>(() => Masker.Sample(6, new SeededRandom(1)));
        Assert.Equal("attentionMask", ex.ParamName);
        Assert.Contains("at least 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_SameSeed_SameMasks()
    {
        var a = Masker.Sample(256, new SeededRandom(9));
        var b = Masker.Sample(256, new SeededRandom(9));
        var c = Masker.Sample(256, new SeededRandom(10));
        Assert.Equal(a.Context, b.Context);
        Assert.Equal(a.Targets, b.Targets);
        Assert.NotEqual(a.Context, c.Context);
    }

    [Fact]
    public void Sample_ManyDraws_MeanRatioNearTwentyPercent()
    {
        var random = new SeededRandom(11);
        var ratios = Enumerable.Range(0, 500).Select(_ => Masker.Sample(1000, random).Targets.Sum(t => t.Length) / 1000.0).ToArray();
        Assert.InRange(ratios.Average(), 0.19, 0.21);
        Assert.True(ratios.Min() < 0.16 && ratios.Max() > 0.24, "the ratio should span its range");
    }

    [Theory]
    [InlineData(0, 15, "span")]
    [InlineData(5, 4, "span")]
    public void Config_BadSpan_ThrowsNamingOption(int min, int max, string option)
    {
        var ex = Assert.Throws<ArgumentException>(() => new TextMasker(new TextMaskConfig { MinSpan = min, MaxSpan = max }));
        Assert.Equal(option, ex.ParamName);
    }

    [Fact]
    public void Config_BadRatio_ThrowsNamingOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TextMasker(new TextMaskConfig { MinRatio = 0.3, MaxRatio = 0.2 }));
        Assert.Equal("ratio", ex.ParamName);
    }
}
