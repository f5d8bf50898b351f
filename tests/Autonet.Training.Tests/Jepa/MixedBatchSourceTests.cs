using Autonet.Models.Jepa;
using Autonet.Models.Masking;
using Autonet.Training.Jepa;

namespace Autonet.Training.Tests.Jepa;

public class MixedBatchSourceTests
{
    private static readonly int K = KVectorShape.Of(TinyRuns.Text).K; // 16 of the tiny window's 32 tokens

    // The span source of TinyRuns and a next-turn source over other windows (reversed ids, so batches tell them apart).
    private static MixedBatchSource Mixed(double fraction)
    {
        var spans = TinyRuns.TextData(32);
        var replies = Enumerable.Range(0, 16).Select(w => spans.Input([w]).Ids!.Reverse().ToArray()).ToList();
        return new MixedBatchSource(spans, new TextBatchSource(replies, TinyRuns.Text, new NextTurnMasker(K)), fraction);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Batch_FractionZeroOrOne_AlwaysThatSource(double fraction)
    {
        var mixed = Mixed(fraction);
        var source = fraction == 0 ? mixed.First : mixed.Second;
        for (var step = 0; step < 20; step++)
        {
            var (input, masks) = mixed.Batch(step, 4, 7);
            var (expected, expectedMasks) = source.Batch(step, 4, 7);
            Assert.Equal(expected.Ids, input.Ids);
            Assert.Equal(expectedMasks.Context, masks.Context);
            Assert.Equal(expectedMasks.Targets, masks.Targets);
        }
    }

    [Fact]
    public void Batch_Half_BothSourcesAboutEquallyAndTheSameOnRerun()
    {
        var (mixed, again) = (Mixed(0.5), Mixed(0.5));
        var picks = Enumerable.Range(0, 400).Select(step => mixed.FromSecond(step, 3)).ToList();
        Assert.InRange(picks.Count(p => p), 160, 240); // binomial(400, 0.5): mean 200, sd 10
        Assert.Equal(picks, Enumerable.Range(0, 400).Select(step => again.FromSecond(step, 3)));
        Assert.NotEqual(picks, Enumerable.Range(0, 400).Select(step => mixed.FromSecond(step, 4))); // seeded
    }

    [Fact]
    public void Batch_NextTurnStep_EverySampleIsTheServedQuery()
    {
        var mixed = Mixed(0.5);
        var step = Enumerable.Range(0, 100).First(s => mixed.FromSecond(s, 1));
        var (input, masks) = mixed.Batch(step, 4, 1);
        var t = TinyRuns.Text.MaxTokens;
        Assert.Equal(4, input.Batch);
        Assert.Equal(Enumerable.Range(0, 4).SelectMany(_ => Enumerable.Range(0, t - K)), masks.Context);
        Assert.Equal(Enumerable.Range(0, 4).SelectMany(_ => Enumerable.Range(t - K, K)), masks.Targets);
        var spanStep = Enumerable.Range(0, 100).First(s => !mixed.FromSecond(s, 1));
        Assert.NotEqual(Enumerable.Range(t - K, K), mixed.Batch(spanStep, 4, 1).Masks.Targets.Take(K)); // span masks there
    }

    [Fact]
    public void Train_MixedSource_FiniteLossOnBothKindsOfStep()
    {
        TinyRuns.SingleThread();
        var trainer = new JepaTrainer(new JepaModel(TinyRuns.Text, 1), Mixed(0.5), TinyRuns.Options(steps: 8, batch: 4));
        var losses = Enumerable.Range(0, 8).Select(_ => trainer.TrainStep().Loss).ToList();
        Assert.All(losses, l => Assert.True(double.IsFinite(l) && l > 0, $"loss {l}"));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Constructor_FractionOutsideZeroOne_Throws(double fraction)
    {
        var ex = Assert.Throws<ArgumentException>(() => new MixedBatchSource(TinyRuns.TextData(4), TinyRuns.TextData(4), fraction));
        Assert.Equal("next_turn_fraction", ex.ParamName);
    }
}
