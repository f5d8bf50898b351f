using Autonet.Models.Jepa;
using Autonet.Training.Jepa;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // tests set the global thread counts

namespace Autonet.Training.Tests.Jepa;

public class JepaTrainerTests
{
    [Fact]
    public void TrainStep_TinyImageRun_LossFalls()
    {
        var trainer = new JepaTrainer(new JepaModel(TinyRuns.Image, seed: 3), TinyRuns.ImageData(), TinyRuns.Options(40, batch: 16));
        var losses = Enumerable.Range(0, 40).Select(_ => trainer.TrainStep().Loss).ToArray();
        Assert.True(losses.Take(5).Average() > 1.3 * losses.TakeLast(5).Average(), $"loss did not fall: {string.Join(", ", losses)}");
    }

    [Fact]
    public void TrainStep_TinyTextRun_LossFalls()
    {
        var trainer = new JepaTrainer(new JepaModel(TinyRuns.Text, seed: 3), TinyRuns.TextData(), TinyRuns.Options(40, batch: 8));
        var losses = Enumerable.Range(0, 40).Select(_ => trainer.TrainStep().Loss).ToArray();
        Assert.True(losses.Take(5).Average() > 1.3 * losses.TakeLast(5).Average(), $"loss did not fall: {string.Join(", ", losses)}");
    }

    [Fact]
    public void Resume_FromCheckpoint_BitIdenticalToUninterruptedRun()
    {
        TinyRuns.SingleThread();
        var data = TinyRuns.ImageData();
        var straight = new JepaTrainer(new JepaModel(TinyRuns.Image, seed: 5), data, TinyRuns.Options(6));
        while (!straight.Done)
        {
            straight.TrainStep();
        }

        var first = new JepaTrainer(new JepaModel(TinyRuns.Image, seed: 5), TinyRuns.ImageData(), TinyRuns.Options(6));
        first.TrainStep();
        first.TrainStep();
        first.TrainStep();
        var path = Path.Combine(Path.GetTempPath(), $"autonet-resume-{Guid.NewGuid():N}.safetensors");
        try
        {
            JepaCheckpoint.Save(path, first);
            var options = JepaCheckpoint.ReadOptions(path);
            var resumed = new JepaTrainer(new JepaModel(JepaCheckpoint.LoadModel(path).Config, options.Seed), TinyRuns.ImageData(), options);
            JepaCheckpoint.Resume(path, resumed);
            Assert.Equal(3, resumed.Step);
            while (!resumed.Done)
            {
                resumed.TrainStep();
            }

            Assert.Equal(straight.Model.Encoder.Values, resumed.Model.Encoder.Values);
            Assert.Equal(straight.Model.Predictor.Values, resumed.Model.Predictor.Values);
            Assert.Equal(straight.Model.Target.Values, resumed.Model.Target.Values);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MeasureCollapse_RandomInit_ReportsWidthAndPositiveStd()
    {
        var trainer = new JepaTrainer(new JepaModel(TinyRuns.Image), TinyRuns.ImageData(), TinyRuns.Options(1) with { MetricsSamples = 64, WarmupSteps = 0 });
        var metrics = trainer.MeasureCollapse();
        Assert.Equal(TinyRuns.Image.Width, metrics.Dim);
        Assert.True(metrics.MeanStd > 0.01 && metrics.EffectiveRank > 2, $"{metrics}");
    }

    [Fact]
    public void TrainingOptions_ZeroSteps_ThrowsNamingTheOption()
    {
        var e = Assert.Throws<ArgumentException>(() => new TrainingOptions { Steps = 0 }.Validate());
        Assert.Equal("steps", e.ParamName);
    }
}
