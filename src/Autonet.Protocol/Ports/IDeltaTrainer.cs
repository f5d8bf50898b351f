namespace Autonet.Protocol.Ports;

/// <summary>A solver's local training (Autonet.Training): failures throw; a role never substitutes a made-up delta.</summary>
public interface IDeltaTrainer
{
    /// <summary>Trains from <paramref name="baseModel"/> on this node's own data; returns trained - base in flat order.</summary>
    Task<float[]> TrainAsync(IModel baseModel, string trainingSpec, CancellationToken cancellationToken);
}
