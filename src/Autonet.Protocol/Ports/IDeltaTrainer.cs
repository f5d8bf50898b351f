namespace Autonet.Protocol.Ports;

/// <summary>A solver's local training (Autonet.Training): failures throw; a role never substitutes a made-up delta.</summary>
public interface IDeltaTrainer
{
    /// <summary>
    /// Trains from <paramref name="baseModel"/> on this node's own data for <paramref name="task"/> (its recipe is
    /// <see cref="TaskView.TrainingSpec"/>); returns trained - base in flat order.
    /// </summary>
    Task<float[]> TrainAsync(IModel baseModel, TaskView task, CancellationToken cancellationToken);
}
