using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;
using Autonet.Training.Jepa;
using Autonet.Training.Rounds;

namespace Autonet.Devnet.Tests.Faults;

/// <summary>A tiny I-JEPA, its decoded genesis model and random images for the fault trainers' tests.</summary>
internal static class TinyJepa
{
    public static JepaConfig Config { get; } = new() { Width = 16, Depth = 1, Heads = 2, PredictorWidth = 8, PredictorDepth = 1, PredictorHeads = 2, MlpRatio = 2 };

    public static IModel Genesis()
    {
        Assert.True(new JepaCodec().TryDecodeModel(ModelBytes.Serialize(new JepaModel(Config, 7)), out var model, out var reason), reason);
        return model;
    }

    public static ImageDataset Images(int n)
    {
        var random = new Random(3);
        var pixels = new float[n * 28 * 28];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)random.NextDouble();
        }
        return new ImageDataset(pixels, new byte[n], 28, 28, PixelNormalization.UnitRange);
    }

    /// <summary>An honest trainer on <paramref name="n"/> random images.</summary>
    public static JepaDeltaTrainer Trainer(int n)
    {
        var images = Images(n);
        return new(config => new ImageBatchSource(images, config), 1);
    }

    public static string OneStepSpec { get; } = new TrainingSpec { Steps = 1, Batch = 4 }.ToJson();

    /// <summary>A task asking for one step of training (seed zero, nothing revealed).</summary>
    public static Autonet.Protocol.Ports.TaskView OneStep { get; } = Autonet.Node.Tests.Adapters.TestTasks.With(OneStepSpec);
}
