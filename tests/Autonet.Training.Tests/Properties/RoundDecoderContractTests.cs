using System.Text;
using Autonet.Chain.Tests;
using Autonet.Chain.Tests.Properties;
using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Training.Rounds;
using CsCheck;

namespace Autonet.Training.Tests.Properties;

/// <summary>
/// A task's training spec and validation set under the decoder contracts of issue 15, over random and mutated
/// inputs: TrainingSpec.Parse throws only FormatException, ValidationSet.TryDecode never throws, and both allocate
/// at most 64 bytes per input byte plus 64 KiB (JSON metadata; a float per pixel is 4 bytes per F32 byte).
/// </summary>
public class RoundDecoderContractTests
{
    private const long PerByte = 64;

    private static readonly JepaConfig Image = new() { ImageSize = 16, PatchSize = 4, Width = 16, Depth = 1, Heads = 2, PredictorWidth = 8, PredictorDepth = 1, PredictorHeads = 2 };

    private static readonly JepaConfig Text = Image with { Modality = Modality.Text, MaxTokens = 4 };

    [Fact]
    public void TrainingSpecParse_AnyText_ThrowsOnlyFormatExceptionWithinAllocationBound() =>
        Mutation.Of([Encoding.UTF8.GetBytes(new TrainingSpec { Steps = 300, LearningRate = 3e-4f }.ToJson())]).Sample(input =>
        {
            var text = Encoding.UTF8.GetString(input);
            var allocated = AllocationMeter.Measure<FormatException>(() => TrainingSpec.Parse(text));
            Assert.InRange(allocated, 0, (PerByte * input.Length) + (64 << 10));
        }, iter: 2000, threads: 1);

    [Fact]
    public void ValidationSetTryDecode_AnyBytes_NeverThrowsWithinAllocationBound()
    {
        var pixels = Enumerable.Range(0, 3 * 256).Select(i => (i % 5) - 2f).ToArray();
        byte[][] vectors = [ValidationSet.Encode(new ImageDataset(pixels, [0, 1, 2], 16, 16, PixelNormalization.Standardized), [0, 1, 2]), ValidationSet.EncodeText([[1, 2, 3, 259], [0, 7, 7, 7]])];
        Mutation.Of(vectors).Sample(input =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            ValidationSet.TryDecode(input, Image, out _, out _);
            ValidationSet.TryDecode(input, Text, out _, out _);
            Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, (PerByte * input.Length) + (64 << 10));
        }, iter: 2000, threads: 1);
    }
}
