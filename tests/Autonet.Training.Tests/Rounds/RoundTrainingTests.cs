using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Training.Deltas;
using Autonet.Training.Jepa;
using Autonet.Training.Rounds;

namespace Autonet.Training.Tests.Rounds;

/// <summary>A solver's local training to a delta and a coordinator's verification score, on a tiny model.</summary>
public sealed class RoundTrainingTests
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
    public void TrainDelta_LeavesTheBaseAloneAndAppliesToTheTrainedModel()
    {
        var data = new ImageBatchSource(Images(16), Tiny);
        var genesis = new JepaModel(Tiny, 7);
        var before = ModelBytes.Flatten(genesis);

        var delta = LocalTraining.TrainDelta(genesis, data, new TrainingSpec { Steps = 2, Batch = 4 }, 1, CancellationToken.None);

        Assert.Equal(before, ModelBytes.Flatten(genesis));
        Assert.Contains(delta, v => v != 0);
        Assert.All(delta, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(delta, LocalTraining.TrainDelta(genesis, data, new TrainingSpec { Steps = 2, Batch = 4 }, 1, CancellationToken.None));
    }

    [Fact]
    public void Score_SameInputs_SameScoreInUnitRange()
    {
        var data = Images(16);
        var genesis = new JepaModel(Tiny, 7);
        var delta = LocalTraining.TrainDelta(genesis, new ImageBatchSource(data, Tiny), new TrainingSpec { Steps = 1, Batch = 4 }, 1, CancellationToken.None);
        var validation = ValidationSet.Decode(ValidationSet.Encode(data, [.. Enumerable.Range(0, 16)]), Tiny);

        var a = new VerificationScore(genesis, validation, seed: 5).Score(delta);
        var b = new VerificationScore(ModelBytes.Deserialize(ModelBytes.Serialize(genesis)), validation, seed: 5).Score(delta);

        Assert.Equal(a, b);
        Assert.InRange(a, 0, 1);
    }

    [Fact]
    public void Score_ZeroDeltaTinyNoiseAndZeroedModelAllZero()
    {
        var data = Images(16);
        var genesis = new JepaModel(Tiny, 7);
        var score = new VerificationScore(genesis, ValidationSet.Decode(ValidationSet.Encode(data, [.. Enumerable.Range(0, 16)]), Tiny), seed: 5);
        var zeroing = ModelBytes.Flatten(genesis).Select(v => -v).ToArray();
        var random = new Random(3);
        var noise = zeroing.Select(_ => (float)((random.NextDouble() - 0.5) * 1e-7)).ToArray();

        Assert.Equal(0.0, score.Score(new float[zeroing.Length])); // no change: no pay
        Assert.Equal(0.0, score.Score(noise)); // a change far below the minimum gain: no pay
        Assert.Equal(0.0, score.Score(zeroing)); // collapsed encoder
        Assert.Equal(ModelBytes.Flatten(new JepaModel(Tiny, 7)), ModelBytes.Flatten(genesis)); // the base is untouched
    }

    [Theory]
    [InlineData(1.0, 1.0, 0.2, 0.2, 1e-4, 0.0)] // no change: exactly 0
    [InlineData(1.0, 0.5, 0.2, 0.6, 1e-4, 0.4)] // loss halved (r 0.5), cosine +0.4 (g 0.4): the smaller, 0.4, counts
    [InlineData(1.0, 0.5, 0.6, 0.2, 1e-4, 0.0)] // loss halved but cosine -0.4: no pay
    [InlineData(1.0, 2.0, 0.2, 0.9, 1e-4, 0.0)] // loss doubled: 0 whatever the cosine
    [InlineData(1.0, 0.99995, 0.2, 0.3, 1e-4, 0.0)] // a 0.005 % loss drop, below the minimum gain of 0.01 %
    [InlineData(1.0, 0.999, 0.2, 0.3, 1e-4, 0.001)] // a 0.1 % loss drop, above it: paid in proportion
    [InlineData(1.0, 0.999, 0.2, 0.3, 0.01, 0.0)] // the same drop under a task asking for 1 %
    [InlineData(2.0, -2.0, -1.0, 1.0, 1e-4, 1.0)] // at most 1
    public void Improvement_SmallerOfLossDropAndCosineGainAboveMinGain(
        double lossBefore, double lossAfter, double cosineBefore, double cosineAfter, double minGain, double expected) =>
        Assert.Equal(expected, VerificationScore.Improvement(lossBefore, lossAfter, cosineBefore, cosineAfter, minGain), 12);

    [Fact]
    public void Delta_OfTrainingAppliedToBase_GivesTheTrainedModelWithinRounding()
    {
        var genesis = new JepaModel(Tiny, 7);
        var delta = LocalTraining.TrainDelta(genesis, new ImageBatchSource(Images(16), Tiny), new TrainingSpec { Steps = 1, Batch = 4 }, 1, CancellationToken.None);
        Assert.True(WeightDelta.TryDecode(genesis, WeightDelta.Encode(genesis, delta), out var decoded, out _));
        Assert.Equal(delta, decoded);
    }

    [Fact]
    public void TrainingSpec_OutOfRange_ThrowsNamingField()
    {
        var e = Assert.Throws<FormatException>(() => TrainingSpec.Parse("{\"Steps\":0}"));
        Assert.Contains("steps 0", e.Message, StringComparison.Ordinal);
    }
}
