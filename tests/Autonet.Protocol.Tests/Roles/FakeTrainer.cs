using System.Runtime.InteropServices;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>
/// Models are raw little-endian float arrays; training returns a fixed delta; scoring returns a fixed quality
/// or fails on demand. Enough to drive the roles; the real trainer is Autonet.Training.
/// </summary>
internal sealed class FakeTrainer(float[] delta, double quality = 0.75) : ITrainer
{
    public float[] Delta { get; set; } = delta;

    public bool FailTraining { get; set; }

    public bool FailScoring { get; set; }

    public int TrainCalls { get; private set; }

    public static byte[] Encode(ReadOnlySpan<float> values) => MemoryMarshal.AsBytes(values).ToArray();

    public static float[] Decode(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();

    public Task<byte[]> TrainAsync(byte[] baseModel, string trainingSpec, CancellationToken cancellationToken)
    {
        TrainCalls++;
        return FailTraining ? throw new InvalidOperationException("out of memory in the training step") : Task.FromResult(Encode(Delta));
    }

    public Task<double> ScoreAsync(byte[] baseModel, byte[] delta, byte[] validationSet, CancellationToken cancellationToken) =>
        FailScoring ? throw new InvalidOperationException("evaluation crashed") : Task.FromResult(quality);

    public float[] DecodeDelta(byte[] baseModel, byte[] delta) =>
        delta.Length == baseModel.Length ? Decode(delta) : throw new FormatException($"delta has {delta.Length / 4} values, model has {baseModel.Length / 4}");

    public byte[] ApplyDelta(byte[] baseModel, ReadOnlySpan<float> delta)
    {
        var values = Decode(baseModel);
        for (var j = 0; j < values.Length; j++)
        {
            values[j] += delta[j];
        }

        return Encode(values);
    }
}
