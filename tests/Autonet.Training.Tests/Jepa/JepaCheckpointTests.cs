using Autonet.Models.Jepa;
using Autonet.Tensors.IO;
using Autonet.Training.Jepa;

namespace Autonet.Training.Tests.Jepa;

public sealed class JepaCheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autonet-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SaveModel_LoadModel_RebuildsArchitectureAndWeights()
    {
        var model = new JepaModel(TinyRuns.Text with { Width = 48, Heads = 3 }, seed: 9);
        var path = Path.Combine(_dir, "m.safetensors");
        JepaCheckpoint.SaveModel(path, model);
        var loaded = JepaCheckpoint.LoadModel(path);
        Assert.Equal(model.Config, loaded.Config);
        Assert.Equal(model.Encoder.Values, loaded.Encoder.Values);
        Assert.Equal(model.Predictor.Values, loaded.Predictor.Values);
        Assert.Equal(model.Target.Values, loaded.Target.Values);
    }

    [Fact]
    public void LoadModel_MissingFile_ThrowsWithHint()
    {
        var e = Assert.Throws<InvalidDataException>(() => JepaCheckpoint.LoadModel(Path.Combine(_dir, "none.safetensors")));
        Assert.Contains("autonet train", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadModel_GarbageBytes_ThrowsNotSafetensors()
    {
        var path = Path.Combine(_dir, "bad.safetensors");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        var e = Assert.Throws<InvalidDataException>(() => JepaCheckpoint.LoadModel(path));
        Assert.Contains("bad.safetensors", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadModel_NoManifest_ThrowsArchitectureUnknown()
    {
        var model = new JepaModel(TinyRuns.Image);
        var path = Path.Combine(_dir, "plain.safetensors");
        using (var stream = File.Create(path))
        {
            Safetensors.Write(stream, model.Encoder);
        }
        var e = Assert.Throws<InvalidDataException>(() => JepaCheckpoint.LoadModel(path));
        Assert.Contains(ModelManifest.MetadataKey, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadModel_ManifestDisagreesWithShapes_ThrowsNamingTensor()
    {
        var model = new JepaModel(TinyRuns.Image);
        var path = Path.Combine(_dir, "lying.safetensors");
        var lie = ModelManifest.For(TinyRuns.Image with { Width = 64 }).ToJson();
        using (var stream = File.Create(path))
        {
            Safetensors.Write(stream, JepaCheckpoint.ModelTensors(model), new Dictionary<string, string> { [ModelManifest.MetadataKey] = lie });
        }
        var e = Assert.Throws<InvalidDataException>(() => JepaCheckpoint.LoadModel(path));
        Assert.Contains("shape", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_ModelFileWithoutOptimizerState_Throws()
    {
        var path = Path.Combine(_dir, "model.safetensors");
        JepaCheckpoint.SaveModel(path, new JepaModel(TinyRuns.Image));
        var trainer = new JepaTrainer(new JepaModel(TinyRuns.Image), TinyRuns.ImageData(), TinyRuns.Options(2));
        Assert.Throws<InvalidDataException>(() => JepaCheckpoint.Resume(path, trainer));
        Assert.Throws<InvalidDataException>(() => JepaCheckpoint.ReadOptions(path));
    }
}
