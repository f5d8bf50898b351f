// The planted solution of a forced error (ForcedErrorRegistry): a delta that is known to be bad without training,
// minus the base model, so base + delta is the all-zero network: a collapsed encoder whose features are constant.
// A coordinator that really checks rejects it (its norm is the base model's, and the collapse check scores it 0);
// one that approves everything is caught when the planter reveals it.
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;
using Autonet.Training.Jepa;

namespace Autonet.Devnet.Faults;

/// <summary>A trainer whose every "delta" zeroes the model (it needs no data, so it replaces the honest trainer).</summary>
public sealed class ForcedErrorTrainer : IDeltaTrainer
{
    public Task<float[]> TrainAsync(IModel baseModel, TaskView task, CancellationToken cancellationToken)
    {
        var values = ModelBytes.Flatten(JepaBase.Of(baseModel));
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = -values[i];
        }
        return Task.FromResult(values);
    }
}
