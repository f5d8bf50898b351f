using Autonet.Core.Randomness;
using Autonet.Models.Jepa;
using Autonet.Models.Masking;

namespace Autonet.Models.Tests.Masking;

public class NextTurnMaskerTests
{
    [Theory]
    [InlineData(128, 32)]
    [InlineData(33, 32)]
    [InlineData(64, 1)]
    public void Sample_FullWindow_LastKTargetsEverythingBeforeContext(int length, int k)
    {
        var set = new NextTurnMasker(k).Sample(length, new SeededRandom(1));
        Assert.Equal(Enumerable.Range(0, length - k), set.Context); // the served context: positions [0, n)
        var target = Assert.Single(set.Targets); // one set: the served query [n, n + K)
        Assert.Equal(Enumerable.Range(length - k, k), target);
        Assert.Empty(set.Context.Intersect(set.AllTargets()));
        Assert.True(set.Context[^1] < target[0], "the context never sees a target and never follows one");
    }

    [Fact]
    public void Sample_Padding_NeverContextNorTarget()
    {
        var mask = new byte[40];
        mask.AsSpan(0, 30).Fill(1); // 30 real tokens, then padding
        var set = new NextTurnMasker(8).Sample(mask, new SeededRandom(2));
        Assert.Equal(Enumerable.Range(0, 22), set.Context);
        Assert.Equal(Enumerable.Range(22, 8), Assert.Single(set.Targets));
    }

    [Fact]
    public void Sample_AnyGenerator_SameMasks()
    {
        var masker = new NextTurnMasker(32);
        Assert.Equal(masker.Sample(128, new SeededRandom(1)).Context, masker.Sample(128, new SeededRandom(99)).Context);
    }

    [Fact]
    public void FromSets_Batch_RectangularWithTheQueryOfEverySample()
    {
        var masker = new NextTurnMasker(32);
        var random = new SeededRandom(3);
        var masks = JepaMasks.FromSets([.. Enumerable.Range(0, 4).Select(_ => masker.Sample(128, random))], random);
        Assert.Equal(96, masks.ContextPerSample);
        Assert.Equal(32, masks.TargetsPerSample);
        Assert.Equal(Enumerable.Range(0, 4).SelectMany(_ => Enumerable.Range(96, 32)), masks.Targets);
    }

    [Fact]
    public void Sample_NoRoomForContext_ThrowsNamingTheCount()
    {
        var ex = Assert.Throws<ArgumentException>(() => new NextTurnMasker(32).Sample(32, new SeededRandom(1)));
        Assert.Equal("attentionMask", ex.ParamName);
        Assert.Contains("need at least 33", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoQuery_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new NextTurnMasker(0));
        Assert.Equal("queryTokens", ex.ParamName);
    }

    [Theory]
    [InlineData(Modality.Text, -0.1f)]
    [InlineData(Modality.Text, 1.5f)]
    [InlineData(Modality.Image, 0.5f)]
    [InlineData(Modality.Multimodal, 0.5f)]
    public void Validate_NextTurnFraction_OutOfRangeOrNotText_Throws(Modality modality, float fraction)
    {
        var ex = Assert.Throws<ArgumentException>(() => (JepaConfig.Tiny(modality) with { NextTurnFraction = fraction }).Validate());
        Assert.Equal("next_turn_fraction", ex.ParamName);
    }
}
