// The Protocol's delta trainer over Autonet.Training's LocalTraining: a solver trains the task's base model on its
// own data (images or conversation windows) for the task's recipe.
using Autonet.Models.Jepa;
using Autonet.Protocol.Ports;
using Autonet.Training.Jepa;
using Autonet.Training.Rounds;

namespace Autonet.Node.Adapters;

/// <summary>Trains deltas on this node's local data.</summary>
/// <param name="localData">The node's own data as a batch source for the base model's config; null when it has none.</param>
/// <param name="nodeSeed">Seeds this node's batches and masks.</param>
public sealed class JepaDeltaTrainer(Func<JepaConfig, BatchSource>? localData, ulong nodeSeed) : IDeltaTrainer
{
    public Task<float[]> TrainAsync(IModel baseModel, TaskView task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (localData is null)
        {
            throw new InvalidOperationException("this node has no local training data");
        }
        var model = JepaBase.Of(baseModel);
        return Task.FromResult(LocalTraining.TrainDelta(model, localData(model.Config), TrainingSpec.Parse(task.TrainingSpec), nodeSeed, cancellationToken));
    }
}
