using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Node.Training;

namespace Autonet.Devnet.Tests.Faults;

/// <summary>A tiny I-JEPA, its genesis model and random images for the fault trainers' tests.</summary>
internal static class TinyJepa
{
    public static JepaConfig Config { get; } = new() { Width = 16, Depth = 1, Heads = 2, PredictorWidth = 8, PredictorDepth = 1, PredictorHeads = 2, MlpRatio = 2 };

    public static byte[] Genesis() => JepaTrainer.Genesis(Config, 7);

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
    public static JepaTrainer Trainer(int n) => new(Images(n), [.. Enumerable.Range(0, n)], 1);

    public static string OneStep { get; } = new TrainingSpec { Steps = 1, Batch = 4 }.ToJson();
}
