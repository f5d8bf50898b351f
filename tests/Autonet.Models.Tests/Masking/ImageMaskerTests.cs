using Autonet.Core.Randomness;
using Autonet.Models.Masking;

namespace Autonet.Models.Tests.Masking;

public class ImageMaskerTests
{
    private static readonly ImageMaskConfig Default = new();

    [Fact]
    public void Sample_ManySeeds_IndicesInGridSortedAndDisjoint()
    {
        var masker = new ImageMasker(Default);
        var random = new SeededRandom(1);
        for (var i = 0; i < 1000; i++)
        {
            var set = masker.Sample(random);
            Assert.Equal(4, set.Targets.Length);
            Assert.All(set.Context, p => Assert.InRange(p, 0, 48));
            Assert.Equal(set.Context.Order(), set.Context);
            Assert.Equal(set.Context.Length, set.Context.Distinct().Count());
            Assert.Empty(set.Context.Intersect(set.AllTargets()));
            Assert.True(set.Context.Length >= Default.MinContextTokens, $"draw {i}: {set.Context.Length} context patches");
        }
    }

    [Fact]
    public void Sample_TargetBlocks_AreRectanglesOfConfiguredScaleAndAspect()
    {
        var masker = new ImageMasker(Default with { GridHeight = 14, GridWidth = 14 });
        var random = new SeededRandom(2);
        for (var i = 0; i < 500; i++)
        {
            foreach (var block in masker.Sample(random).Targets)
            {
                var rows = block.Select(p => p / 14).Distinct().Count();
                var cols = block.Select(p => p % 14).Distinct().Count();
                Assert.Equal(rows * cols, block.Length); // a full rectangle
                Assert.Equal(rows - 1, block.Max(p => p / 14) - block.Min(p => p / 14)); // contiguous rows
                // On 14x14 rounding moves the scale by at most a few percent: 0.15..0.2 of 196 is 29.4..39.2.
                Assert.InRange(block.Length / 196.0, 0.12, 0.23);
                Assert.InRange(rows / (double)cols, 0.6, 1.8);
            }
        }
    }

    [Fact]
    public void Sample_SameSeed_SameMasks()
    {
        var masker = new ImageMasker(Default);
        var a = masker.SampleBatch(8, new SeededRandom(42));
        var b = masker.SampleBatch(8, new SeededRandom(42));
        var c = masker.SampleBatch(8, new SeededRandom(43));
        Assert.Equal(Flatten(a), Flatten(b));
        Assert.NotEqual(Flatten(a), Flatten(c));
    }

    [Fact]
    public void SampleBatch_AnyBatch_IsRectangular()
    {
        var masker = new ImageMasker(Default);
        var random = new SeededRandom(3);
        for (var i = 0; i < 100; i++)
        {
            var batch = masker.SampleBatch(16, random);
            Assert.Single(batch.Select(s => s.Context.Length).Distinct());
            Assert.Single(batch.SelectMany(s => s.Targets.Select(t => t.Length)).Distinct());
            Assert.All(batch, s => Assert.True(s.Context.Length >= Default.MinContextTokens));
            Assert.All(batch, s => Assert.Empty(s.Context.Intersect(s.AllTargets())));
        }
    }

    [Fact]
    public void Sample_HarshConfig_FallbackStillGuaranteesMinimumContext()
    {
        // One attempt and a high minimum: most draws fail, so the fallback must deliver.
        var config = Default with { MaxAttempts = 1, MinContextTokens = 33 };
        var masker = new ImageMasker(config);
        var random = new SeededRandom(4);
        for (var i = 0; i < 500; i++)
        {
            var set = masker.Sample(random);
            Assert.True(set.Context.Length >= 33, $"draw {i}: {set.Context.Length}");
            Assert.Equal(4, set.Targets.Length);
            Assert.Empty(set.Context.Intersect(set.AllTargets()));
        }
    }

    [Fact]
    public void Validate_UnreachableMinimum_ThrowsNamingOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ImageMasker(Default with { MinContextTokens = 40 }));
        Assert.Equal("min_context_tokens", ex.ParamName);
        Assert.Contains("1..33", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 0.2, "target_scale")]
    [InlineData(0.3, 0.2, "target_scale")]
    [InlineData(0.15, 1.5, "target_scale")]
    public void Validate_BadScale_ThrowsNamingOption(double min, double max, string option)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ImageMasker(Default with { TargetScaleMin = min, TargetScaleMax = max }));
        Assert.Equal(option, ex.ParamName);
    }

    [Fact]
    public void Sample_AttentionMaskWithPadding_Throws()
    {
        var masker = new ImageMasker(Default);
        var mask = Enumerable.Repeat((byte)1, 49).ToArray();
        mask[3] = 0;
        Assert.Equal("attentionMask", Assert.Throws<ArgumentException>(() => masker.Sample(mask, new SeededRandom(1))).ParamName);
        Assert.Equal("attentionMask", Assert.Throws<ArgumentException>(() => masker.Sample(new byte[48], new SeededRandom(1))).ParamName);
        Assert.NotEmpty(masker.Sample(Enumerable.Repeat((byte)1, 49).ToArray(), new SeededRandom(1)).Context);
    }

    [Theory]
    [InlineData(0.15, 1.0, 3, 3)] // 49 * 0.15 = 7.35 -> sqrt 2.71 -> 3
    [InlineData(0.2, 1.5, 4, 3)]  // sqrt(9.8 * 1.5) = 3.83 -> 4; sqrt(9.8 / 1.5) = 2.56 -> 3
    [InlineData(1.0, 1.0, 7, 7)]
    public void BlockSize_KnownScales_RoundAsDocumented(double scale, double aspect, int height, int width)
    {
        Assert.Equal((height, width), ImageMasker.BlockSize(Default, scale, aspect));
    }

    private static int[] Flatten(MaskSet[] sets) =>
        [.. sets.SelectMany(s => s.Context.Append(-1).Concat(s.Targets.SelectMany(t => t.Append(-2))))];
}
