using Autonet.Models.Jepa;
using Autonet.Training.Deltas;
using Autonet.Training.Jepa;

namespace Autonet.Training.Tests.Jepa;

public sealed class WeightDeltaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autonet-delta-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Apply_DeltaOfTrainedModel_ReproducesItExactly()
    {
        var basePath = Path.Combine(_dir, "base.safetensors");
        JepaCheckpoint.SaveModel(basePath, new JepaModel(TinyRuns.Image, seed: 2));
        var trainer = new JepaTrainer(JepaCheckpoint.LoadModel(basePath), TinyRuns.ImageData(), TinyRuns.Options(3));
        while (!trainer.Done)
        {
            trainer.TrainStep();
        }

        var deltaPath = Path.Combine(_dir, "delta.safetensors");
        var inexact = WeightDelta.Save(deltaPath, JepaCheckpoint.LoadModel(basePath), trainer.Model);
        var rebuilt = JepaCheckpoint.LoadModel(basePath);
        WeightDelta.Apply(rebuilt, deltaPath);

        Assert.True(inexact < trainer.Model.Encoder.Count / 20, $"{inexact} fix-ups");
        Assert.Equal(trainer.Model.Encoder.Values, rebuilt.Encoder.Values);
        Assert.Equal(trainer.Model.Predictor.Values, rebuilt.Predictor.Values);
        Assert.Equal(trainer.Model.Target.Values, rebuilt.Target.Values);
    }

    [Fact]
    public void Compute_FarApartMagnitudes_NudgesOrCountsInexact()
    {
        var a = new JepaModel(TinyRuns.Image);
        var b = new JepaModel(TinyRuns.Image);
        a.Encoder.Values[0] = 1f;
        b.Encoder.Values[0] = 1e-8f; // no float32 d gives 1 + d == 1e-8
        a.Encoder.Values[1] = 1f;
        b.Encoder.Values[1] = 3.0000002f;
        var delta = WeightDelta.Compute(a, b, out var inexact);
        Assert.Equal(1, inexact);
        WeightDelta.Apply(a, delta);
        Assert.Equal(3.0000002f, a.Encoder.Values[1]);
    }

    [Fact]
    public void Apply_SavedDeltaWithFarApartMagnitudes_ExactThroughFixup()
    {
        var a = new JepaModel(TinyRuns.Image);
        var b = new JepaModel(TinyRuns.Image);
        a.Encoder.Values[0] = 1f;
        b.Encoder.Values[0] = 1e-8f;
        var path = Path.Combine(_dir, "fix.safetensors");
        Assert.Equal(1, WeightDelta.Save(path, a, b));
        WeightDelta.Apply(a, path);
        Assert.Equal(b.Encoder.Values, a.Encoder.Values);
    }

    [Fact]
    public void Apply_CheckpointInsteadOfDelta_Throws()
    {
        var path = Path.Combine(_dir, "model.safetensors");
        JepaCheckpoint.SaveModel(path, new JepaModel(TinyRuns.Image));
        var e = Assert.Throws<InvalidDataException>(() => WeightDelta.Apply(new JepaModel(TinyRuns.Image), path));
        Assert.Contains("not a delta", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_OtherArchitecture_Throws()
    {
        var path = Path.Combine(_dir, "delta.safetensors");
        WeightDelta.Save(path, new JepaModel(TinyRuns.Image), new JepaModel(TinyRuns.Image, seed: 4));
        Assert.Throws<InvalidDataException>(() => WeightDelta.Apply(new JepaModel(TinyRuns.Image with { Depth = 2 }), path));
    }
}
