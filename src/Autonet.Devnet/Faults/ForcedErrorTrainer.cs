// The planted solution of a forced error (ForcedErrorRegistry): a delta that is known to be bad without training,
// minus the base model, so base + delta is the all-zero network: a collapsed encoder whose features are constant.
// A coordinator that really checks rejects it (its norm is the base model's, and the collapse check scores it 0);
// one that approves everything is caught when the planter reveals it.
using Autonet.Node.Training;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>A trainer whose every "delta" zeroes the model; scoring and codecs are the honest trainer's.</summary>
public sealed class ForcedErrorTrainer(ITrainer honest) : ITrainer
{
    public Task<byte[]> TrainAsync(byte[] baseModel, string trainingSpec, CancellationToken cancellationToken)
    {
        var layout = ModelCodec.Deserialize(baseModel);
        var values = ModelCodec.Flatten(layout);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = -values[i];
        }
        return Task.FromResult(ModelCodec.SerializeDelta(layout, values));
    }

    public Task<double> ScoreAsync(byte[] baseModel, byte[] delta, byte[] validationSet, CancellationToken cancellationToken) =>
        honest.ScoreAsync(baseModel, delta, validationSet, cancellationToken);

    public float[] DecodeDelta(byte[] baseModel, byte[] delta) => honest.DecodeDelta(baseModel, delta);

    public byte[] ApplyDelta(byte[] baseModel, ReadOnlySpan<float> delta) => honest.ApplyDelta(baseModel, delta);
}
