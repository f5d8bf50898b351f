using Autonet.Models.Jepa;
using Autonet.Tensors.IO;
using Autonet.Training.Jepa;
using Autonet.Training.Rounds;

namespace Autonet.Training.Tests.Rounds;

public class PairValidationSetTests
{
    private static readonly JepaConfig Config = new() { Modality = Modality.Multimodal, ImageSize = 32, PatchSize = 8, MaxTokens = 32, Width = 16, Heads = 2, PredictorWidth = 8, PredictorHeads = 2 };

    [Fact]
    public void EncodePairs_ThenDecode_GivesTheSameInput()
    {
        var source = Source(20);
        var bytes = ValidationSet.EncodePairs(source, [.. Enumerable.Range(0, 20)], Config);
        Assert.True(ValidationSet.TryDecode(bytes, Config, out var set, out var reason), reason);
        var (a, b) = (source.Input([3, 7]), set.Input([3, 7]));
        Assert.Equal(a.Images!.ToArray(), b.Images!.ToArray());
        Assert.Equal(a.Ids, b.Ids);
        Assert.Equal(a.TextLengths, b.TextLengths);
    }

    [Fact]
    public void TryDecode_LengthOutsideWindow_IsRefusedWithTheReason()
    {
        var bytes = ValidationSet.EncodePairs(Source(20), [.. Enumerable.Range(0, 20)], Config);
        using var input = new MemoryStream(bytes);
        var tensors = Safetensors.Read(input).Tensors.ToList();
        var lengths = tensors.Single(t => t.Key == "lengths").Value;
        lengths.Span[4] = 33;
        using var output = new MemoryStream();
        Safetensors.Write(output, tensors);
        Assert.False(ValidationSet.TryDecode(output.ToArray(), Config, out _, out var reason));
        Assert.Contains("length 33 of pair 4 is not a whole number in 1..32", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_TextSetForMultimodalModel_IsRefusedNamingTheTensors()
    {
        var bytes = ValidationSet.EncodeText([.. Enumerable.Range(0, 20).Select(_ => new int[32])]);
        Assert.False(ValidationSet.TryDecode(bytes, Config, out _, out var reason));
        Assert.Contains("needs tensors 'images' (N, 1, 32, 32), 'tokens' (N, 32) and 'lengths' (N)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_GridTooSmallForTheMasks_IsRefusedNotThrown()
    {
        var tiny = Config with { ImageSize = 16 }; // a 2 x 2 grid, as an untrusted manifest may claim
        using var output = new MemoryStream();
        Safetensors.Write(output,
        [
            new("images", Autonet.Tensors.Tensor.Zeros(20, 1, 16, 16)),
            new("tokens", Autonet.Tensors.Tensor.Zeros(20, 32)),
            new("lengths", Autonet.Tensors.Tensor.From([.. Enumerable.Repeat(8f, 20)], 20)),
        ]);
        var bytes = output.ToArray();
        Assert.False(ValidationSet.TryDecode(bytes, tiny, out _, out var reason));
        Assert.Contains("2x2 grid", reason, StringComparison.Ordinal);
    }

    private static PairBatchSource Source(int n)
    {
        var random = new Random(4);
        var images = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, 1024).Select(_ => (float)random.NextDouble()).ToArray()).ToList();
        return new PairBatchSource(images, [.. Enumerable.Range(0, n).Select(i => $"pair number {i} says something")], Config);
    }
}
