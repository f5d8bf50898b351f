using Autonet.Core.Randomness;
using Autonet.Models.Jepa;
using Autonet.Models.Masking;

namespace Autonet.Models.Tests.Jepa;

public class JepaMasksTests
{
    [Fact]
    public void FromSets_UnequalSamples_CutsToBatchMinimumKeepingOrderAndMembership()
    {
        var sets = new[]
        {
            new MaskSet([0, 1, 2, 3, 4], [[10, 11], [20]]),
            new MaskSet([5, 6, 7], [[30, 31, 32, 33]]),
        };
        var masks = JepaMasks.FromSets(sets, new SeededRandom(1));
        Assert.Equal(3, masks.ContextPerSample);
        Assert.Equal(3, masks.TargetsPerSample);
        var first = masks.Context[..3];
        Assert.All(first, i => Assert.Contains(i, sets[0].Context));
        Assert.Equal(first.Order(), first);
        Assert.Equal([10, 11, 20], masks.Targets[..3]);
        Assert.Equal([5, 6, 7], masks.Context[3..]);
    }

    [Fact]
    public void FromSets_ImageBatch_IsRectangularWithAllBlocks()
    {
        var masker = new ImageMasker(new ImageMaskConfig());
        var random = new SeededRandom(3);
        var sets = masker.SampleBatch(8, random);
        var masks = JepaMasks.FromSets(sets, random);
        Assert.Equal(8 * masks.ContextPerSample, masks.Context.Length);
        Assert.Equal(sets[0].Targets.Sum(t => t.Length), masks.TargetsPerSample);
    }

    [Fact]
    public void FromSets_Empty_Throws() =>
        Assert.Throws<ArgumentException>(() => JepaMasks.FromSets([], new SeededRandom(1)));
}
