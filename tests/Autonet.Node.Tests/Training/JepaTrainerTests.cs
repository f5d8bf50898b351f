using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Node.Training;

namespace Autonet.Node.Tests.Training;

public sealed class JepaTrainerTests
{
    private static readonly JepaConfig Tiny = new() { Width = 16, Depth = 1, Heads = 2, PredictorWidth = 8, PredictorDepth = 1, PredictorHeads = 2, MlpRatio = 2 };

    private static ImageDataset Images(int n)
    {
        var random = new Random(3);
        var pixels = new float[n * 28 * 28];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)random.NextDouble();
        }
        return new ImageDataset(pixels, new byte[n], 28, 28, PixelNormalization.UnitRange);
    }

    [Fact]
    public async Task TrainAsync_Delta_DecodesAndAppliesToTrainedModel()
    {
        var data = Images(16);
        var trainer = new JepaTrainer(data, [.. Enumerable.Range(0, 16)], 1);
        var genesis = JepaTrainer.Genesis(Tiny, 7);

        var delta = await trainer.TrainAsync(genesis, new TrainingSpec { Steps = 2, Batch = 4 }.ToJson(), CancellationToken.None);
        var values = trainer.DecodeDelta(genesis, delta);

        Assert.Contains(values, v => v != 0);
        Assert.All(values, v => Assert.True(float.IsFinite(v)));
        var applied = trainer.ApplyDelta(genesis, values);
        var back = trainer.ApplyDelta(applied, [.. values.Select(v => -v)]);
        Assert.Equal(trainer.DecodeDelta(genesis, delta).Length, trainer.DecodeDelta(applied, delta).Length);
        Assert.Equal(genesis.Length, back.Length);
        Assert.Throws<ArgumentException>(() => trainer.ApplyDelta(genesis, values.AsSpan(1)));
    }

    [Fact]
    public async Task ScoreAsync_SameInputs_SameScoreInUnitRange()
    {
        var data = Images(16);
        var trainer = new JepaTrainer(data, [.. Enumerable.Range(0, 16)], 1);
        var genesis = JepaTrainer.Genesis(Tiny, 7);
        var delta = await trainer.TrainAsync(genesis, new TrainingSpec { Steps = 1, Batch = 4 }.ToJson(), CancellationToken.None);
        var validation = ValidationSet.Encode(data, [0, 1, 2, 3]);

        var a = await new JepaTrainer(null, [], 0).ScoreAsync(genesis, delta, validation, CancellationToken.None);
        var b = await new JepaTrainer(null, [], 9).ScoreAsync(genesis, delta, validation, CancellationToken.None);

        Assert.Equal(a, b);
        Assert.InRange(a, 0, 1);
    }

    [Fact]
    public async Task ScoreAsync_ZeroDelta_Half()
    {
        var data = Images(16);
        var genesis = JepaTrainer.Genesis(Tiny, 7);
        var honest = new JepaTrainer(data, [.. Enumerable.Range(0, 16)], 1);
        var validation = ValidationSet.Encode(data, [0, 1, 2, 3]);
        var zero = ModelCodec.SerializeDelta(ModelCodec.Deserialize(genesis), new float[honest.DecodeDelta(genesis, await honest.TrainAsync(genesis, new TrainingSpec { Steps = 1, Batch = 4 }.ToJson(), CancellationToken.None)).Length]);

        Assert.Equal(0.5, await honest.ScoreAsync(genesis, zero, validation, CancellationToken.None)); // no change
        // The forced error's zero score (a collapsed encoder): Autonet.Devnet.Tests' ForcedErrorTrainerTests.
    }

    [Theory]
    [InlineData(1.0, 1.0, 0.2, 0.2, 0.5)] // no change
    [InlineData(1.0, 0.5, 0.2, 0.6, 0.7)] // loss halved (r 0.5), cosine +0.4 (g 0.4): the smaller, 0.4, counts
    [InlineData(1.0, 0.5, 0.6, 0.2, 0.3)] // loss halved but cosine -0.4: worse than no change
    [InlineData(1.0, 2.0, 0.2, 0.9, 0.0)] // loss doubled (r -1): 0 whatever the cosine
    [InlineData(1.0, 0.0, -1.0, 1.0, 1.0)] // both at their clamp
    public void Quality_SmallerOfLossDropAndCosineGain(double lossBefore, double lossAfter, double cosineBefore, double cosineAfter, double expected) =>
        Assert.Equal(expected, JepaTrainer.Quality(lossBefore, lossAfter, cosineBefore, cosineAfter), 12);

    [Fact]
    public void DecodeDelta_NotSafetensors_ThrowsFormatException()
    {
        var genesis = JepaTrainer.Genesis(Tiny, 7);
        Assert.Throws<FormatException>(() => new JepaTrainer(null, [], 0).DecodeDelta(genesis, [1, 2, 3]));
    }

    [Fact]
    public void TrainingSpec_OutOfRange_ThrowsNamingField()
    {
        var e = Assert.Throws<FormatException>(() => TrainingSpec.Parse("{\"Steps\":0}"));
        Assert.Contains("steps 0", e.Message, StringComparison.Ordinal);
    }
}
