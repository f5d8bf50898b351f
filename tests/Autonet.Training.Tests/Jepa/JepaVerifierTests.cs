using Autonet.Models.Jepa;
using Autonet.Training.Jepa;

namespace Autonet.Training.Tests.Jepa;

public class JepaVerifierTests
{
    [Fact]
    public void Score_TwiceOnOneThread_SameBits()
    {
        TinyRuns.SingleThread();
        var model = new JepaModel(TinyRuns.Image, seed: 7);
        var a = JepaVerifier.Score(model, TinyRuns.ImageData(), 48, batchSize: 16);
        var b = JepaVerifier.Score(model, TinyRuns.ImageData(), 48, batchSize: 16);
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.Cosine), BitConverter.DoubleToInt64Bits(b.Cosine));
        Assert.InRange(a.Cosine, -1, 1);
    }

    [Fact]
    public void Score_TextModelAfterTraining_CosineRises()
    {
        var data = TinyRuns.TextData();
        var trainer = new JepaTrainer(new JepaModel(TinyRuns.Text, seed: 1), data, TinyRuns.Options(30));
        var before = JepaVerifier.Score(trainer.Model, data, 32).Cosine;
        while (!trainer.Done)
        {
            trainer.TrainStep();
        }
        var after = JepaVerifier.Score(trainer.Model, data, 32).Cosine;
        Assert.True(after > before, $"cosine {before} -> {after}");
    }
}
