using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;
using Autonet.Training.Jepa;
using Autonet.Training.Rounds;

namespace Autonet.Node.Tests.Adapters;

/// <summary>The protocol's model ports over Autonet.Training, as a solver and a coordinator use them.</summary>
public sealed class JepaAdapterTests
{
    private static readonly JepaConfig Tiny = new() { Width = 16, Depth = 1, Heads = 2, PredictorWidth = 8, PredictorDepth = 1, PredictorHeads = 2, MlpRatio = 2 };
    private static readonly string Spec = new TrainingSpec { Steps = 1, Batch = 4 }.ToJson();
    private readonly JepaCodec _codec = new();

    private static ImageDataset Images(int n)
    {
        var random = new Random(3);
        var pixels = new float[n * 28 * 28];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)random.NextDouble();
        }
        return new ImageDataset(pixels, new byte[n], 28, 28, PixelNormalization.UnitRange);
    }

    private IModel Genesis()
    {
        Assert.True(_codec.TryDecodeModel(ModelBytes.Serialize(new JepaModel(Tiny, 7)), out var model, out var reason), reason);
        return model;
    }

    [Fact]
    public async Task TrainEncodeDecode_Delta_RoundTripsAndAppliesToTheBase()
    {
        var data = Images(16);
        var genesis = Genesis();
        var delta = await new JepaDeltaTrainer(config => new ImageBatchSource(data, config), 1).TrainAsync(genesis, Task(Spec), CancellationToken.None);

        Assert.True(_codec.TryDecodeDelta(genesis, _codec.EncodeDelta(genesis, delta), out var decoded, out _));
        Assert.Equal(delta, decoded);
        Assert.True(_codec.TryDecodeModel(_codec.EncodeModel(genesis, delta), out var applied, out _));
        Assert.Equal(genesis.ParameterCount, applied.ParameterCount);
        Assert.Throws<ArgumentException>(() => _codec.EncodeModel(genesis, delta.AsSpan(1)));
    }

    [Fact]
    public async Task ScoreAsync_ZeroDelta_IsZero()
    {
        var data = Images(16);
        var genesis = Genesis();
        var scorer = new JepaDeltaScorer();
        Assert.True(scorer.TryDecodeValidationSet(genesis, ValidationSet.Encode(data, [.. Enumerable.Range(0, 16)]), Task(Spec), out var validation, out var reason), reason);

        Assert.Equal(0.0, await scorer.ScoreAsync(genesis, validation, new float[genesis.ParameterCount], CancellationToken.None)); // no change, no pay
    }

    [Fact]
    public void TryDecodeValidationSet_BadSpecOrNaNOrTooSmall_SaysWhy()
    {
        var genesis = Genesis();
        var scorer = new JepaDeltaScorer();
        var set = ValidationSet.Encode(Images(16), [.. Enumerable.Range(0, 16)]);
        Assert.False(scorer.TryDecodeValidationSet(genesis, set, Task("{\"MinGain\":2}"), out _, out var reason));
        Assert.Contains("min gain 2 (0..1)", reason, StringComparison.Ordinal);
        Assert.False(scorer.TryDecodeValidationSet(genesis, ValidationSet.Encode(Images(16), [0, 1, 2, 3]), Task(Spec), out _, out reason));
        Assert.Contains("at least 16", reason, StringComparison.Ordinal);
    }

    private static Autonet.Protocol.Ports.TaskView Task(string trainingSpec) => TestTasks.With(trainingSpec);

    [Fact]
    public void TryDecode_NotSafetensors_Reasons()
    {
        Assert.False(_codec.TryDecodeModel([1, 2, 3], out _, out var modelReason));
        Assert.Contains("not a readable safetensors file", modelReason, StringComparison.Ordinal);
        Assert.False(_codec.TryDecodeDelta(Genesis(), [1, 2, 3], out _, out var deltaReason));
        Assert.Contains("not a readable safetensors file", deltaReason, StringComparison.Ordinal);
    }
}
