// Shared fixtures for the JEPA tests: tiny configs on the first Fashion-MNIST images (Debian's dataset-fashion-mnist)
// and a synthetic text corpus, single-threaded so runs are bit-reproducible.
using Autonet.Data.Images;
using Autonet.Data.Text;
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Tensors.Blas;
using Autonet.Training.Jepa;

namespace Autonet.Training.Tests.Jepa;

internal static class TinyRuns
{
    public static readonly JepaConfig Image = JepaConfig.Tiny(Modality.Image);
    public static readonly JepaConfig Text = JepaConfig.Tiny(Modality.Text);

    private static readonly Lazy<ImageDataset> Images = new(() => FashionMnist.Load(FashionMnistSplit.Train, PixelNormalization.Standardized, maxCount: 256));

    public static void SingleThread()
    {
        Parallelism.Degree = 1;
        Gemm.NativeThreads = 1;
    }

    public static ImageBatchSource ImageData() => new(Images.Value, Image);

    /// <summary>Windows of a repetitive but structured byte text, so there is something to predict.</summary>
    public static TextBatchSource TextData(int windows = 64)
    {
        var sentences = new[] { "the quick brown fox jumps over the lazy dog. ", "a package provides tools for building software. ", "user: hello there, how are you today? " };
        var list = new List<int[]>();
        for (var w = 0; w < windows; w++)
        {
            var text = string.Concat(Enumerable.Range(w, 6).Select(i => sentences[i % sentences.Length]));
            list.Add([.. ByteTokenizer.Encode(text).Take(Text.MaxTokens)]);
        }
        return new TextBatchSource(list, Text);
    }

    public static TrainingOptions Options(int steps, int batch = 8) => new()
    {
        Steps = steps,
        BatchSize = batch,
        LearningRate = 2e-3f,
        WarmupSteps = 2,
        MetricsEvery = 0,
    };
}
