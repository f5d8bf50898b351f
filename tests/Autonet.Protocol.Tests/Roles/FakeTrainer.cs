using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>Training returns a fixed delta or fails on demand; the real trainer is Autonet.Training.</summary>
internal sealed class FakeTrainer(float[] delta) : IDeltaTrainer
{
    public float[] Delta { get; set; } = delta;

    public bool FailTraining { get; set; }

    public int TrainCalls { get; private set; }

    public Task<float[]> TrainAsync(IModel baseModel, TaskView task, CancellationToken cancellationToken)
    {
        TrainCalls++;
        return FailTraining ? throw new InvalidOperationException("out of memory in the training step") : Task.FromResult(Delta);
    }
}
