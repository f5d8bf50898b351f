// The attacks that live off the previous task's public record instead of their own work: `replay` resubmits another
// solver's delta revealed there, and `train-on-validation` trains on the validation set revealed there (what a solver
// would do if the proposer reused its set). Both read only what the chain and the shared store show anyone.
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;
using Autonet.Training.Rounds;

namespace Autonet.Devnet.Faults;

/// <summary>Builds a "delta" from the latest earlier task of the same project (no earlier task: the honest delta).</summary>
public sealed class PreviousTaskTrainer(IDeltaTrainer honest, IChain chain, IBlobStore blobs, SolverAttack attack, ulong seed) : IDeltaTrainer
{
    private readonly JepaCodec _codec = new();

    public async Task<float[]> TrainAsync(IModel baseModel, TaskView task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var previous = await TaskHistory.PreviousWithRevealsAsync(chain, task, ulong.MaxValue, cancellationToken).ConfigureAwait(false);
        if (previous is null)
        {
            return await honest.TrainAsync(baseModel, task, cancellationToken).ConfigureAwait(false); // nothing public to live off yet
        }
        if (attack == SolverAttack.Replay)
        {
            var other = previous.Solutions.FirstOrDefault(s => s.Solver != chain.Account && s.Delta is not null)?.Delta
                ?? throw new InvalidOperationException($"replay: task {previous.TaskId} has no revealed delta of another solver");
            var bytes = await blobs.GetAsync(other, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"replay: delta {other} of task {previous.TaskId} is not in the blob store");
            return _codec.TryDecodeDelta(baseModel, bytes, out var values, out var reason)
                ? values
                : throw new InvalidOperationException($"replay: delta {other} of task {previous.TaskId}: {reason}");
        }
        var setBytes = await blobs.GetAsync(previous.GroundTruth!.Value, cancellationToken).ConfigureAwait(false) // revealed solutions: the set was revealed first
            ?? throw new InvalidOperationException($"train-on-validation: the validation set of task {previous.TaskId} is not in the blob store");
        var model = JepaBase.Of(baseModel);
        var set = ValidationSet.Decode(setBytes, model.Config);
        return LocalTraining.TrainDelta(model, set, TrainingSpec.Parse(task.TrainingSpec), seed, cancellationToken);
    }
}
