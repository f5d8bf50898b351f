using Autonet.Models.Jepa;
using Autonet.Tensors.IO;
using Autonet.Training.Deltas;
using Autonet.Training.Jepa;

namespace Autonet.Training.Tests.Jepa;

public sealed class WeightDeltaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autonet-delta-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Apply_DeltaOfTrainedModel_ReproducesItWithinRounding()
    {
        var basePath = Path.Combine(_dir, "base.safetensors");
        JepaCheckpoint.SaveModel(basePath, new JepaModel(TinyRuns.Image, seed: 2));
        var trainer = new JepaTrainer(JepaCheckpoint.LoadModel(basePath), TinyRuns.ImageData(), TinyRuns.Options(3));
        while (!trainer.Done)
        {
            trainer.TrainStep();
        }

        var deltaPath = Path.Combine(_dir, "delta.safetensors");
        WeightDelta.Save(deltaPath, JepaCheckpoint.LoadModel(basePath), trainer.Model);
        var rebuilt = JepaCheckpoint.LoadModel(basePath);
        var start = ModelBytes.Flatten(rebuilt);
        WeightDelta.Apply(rebuilt, deltaPath);

        var expected = ModelBytes.Flatten(trainer.Model);
        var actual = ModelBytes.Flatten(rebuilt);
        var exact = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var bound = Ulp(expected[i]) + Ulp(expected[i] - start[i]);
            Assert.True(Math.Abs(actual[i] - expected[i]) <= bound, $"value {i}: {actual[i]} vs {expected[i]} (bound {bound})");
            exact += actual[i] == expected[i] ? 1 : 0;
        }
        Assert.True(exact > expected.Length * 0.9, $"only {exact} of {expected.Length} values exact");
    }

    [Fact]
    public void Compute_IsTheFloat32DifferenceOfEveryValue()
    {
        var a = new JepaModel(TinyRuns.Image);
        var b = new JepaModel(TinyRuns.Image, seed: 5);
        a.Encoder.Values[0] = 1f;
        b.Encoder.Values[0] = 1e-8f;

        var delta = WeightDelta.Compute(a, b);

        var (x, y) = (ModelBytes.Flatten(a), ModelBytes.Flatten(b));
        for (var i = 0; i < delta.Length; i++)
        {
            Assert.Equal(y[i] - x[i], delta[i]);
        }
    }

    [Fact]
    public void Encode_RawTensorsAreTheWholeDelta()
    {
        // Anyone reading the file with a plain safetensors reader (PyTorch's, say) and concatenating the tensors in
        // the model's order gets exactly the values a node aggregates: no metadata changes them.
        var layout = new JepaModel(TinyRuns.Image);
        var delta = WeightDelta.Compute(layout, new JepaModel(TinyRuns.Image, seed: 9));
        var bytes = WeightDelta.Encode(layout, delta);

        using var stream = new MemoryStream(bytes);
        var raw = Safetensors.Read(stream);
        var byName = raw.Tensors.ToDictionary(t => t.Key, t => t.Value);
        var concatenated = JepaCheckpoint.ModelTensors(layout).SelectMany(t => byName[t.Key].Span.ToArray()).ToArray();
        Assert.Equal(delta, concatenated);
        Assert.True(WeightDelta.TryDecode(layout, bytes, out var decoded, out _));
        Assert.Equal(delta, decoded);
        Assert.Equal(new[] { ModelManifest.MetadataKey, WeightDelta.KindKey }.Order(), raw.Metadata.Keys.Order());
    }

    [Fact]
    public void TryDecode_NonFiniteValue_ReasonNamesTheIndex()
    {
        var layout = new JepaModel(TinyRuns.Image);
        var delta = new float[ModelBytes.Flatten(layout).Length];
        delta[7] = float.NaN;

        Assert.False(WeightDelta.TryDecode(layout, WeightDelta.Encode(layout, delta), out _, out var reason));
        Assert.Contains("value 7 is NaN", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_NotSafetensors_Reason()
    {
        Assert.False(WeightDelta.TryDecode(new JepaModel(TinyRuns.Image), [1, 2, 3], out _, out var reason));
        Assert.Contains("not a readable safetensors file", reason, StringComparison.Ordinal);
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
        var e = Assert.Throws<InvalidDataException>(() => WeightDelta.Apply(new JepaModel(TinyRuns.Image with { Depth = 2 }), path));
        Assert.Contains("the base model is", e.Message, StringComparison.Ordinal);
    }

    private static float Ulp(float x) => MathF.BitIncrement(MathF.Abs(x)) - MathF.Abs(x);
}
