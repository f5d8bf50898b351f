// The planted solution of a forced error (ForcedErrorRegistry): a plausible bad delta. The planter trains like an
// honest solver (the task's recipe, its own sample of the run's data) and submits the opposite direction, -delta: the
// same size and per-tensor statistics as honest work (so a filter on norms cannot tell it apart), but to first order
// it raises the JEPA loss by what the honest direction lowers it, so a coordinator that really scores it measures no
// improvement (score 0) and one that does not is caught when the planter reveals it. The previous plant, -base, zeroed
// the model: its norm was the base model's, ten times an honest delta's, recognisable without scoring.
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>A trainer whose every delta is the negation of what <paramref name="honest"/> trains (deterministic, as it is).</summary>
public sealed class ForcedErrorTrainer(IDeltaTrainer honest) : IDeltaTrainer
{
    public async Task<float[]> TrainAsync(IModel baseModel, TaskView task, CancellationToken cancellationToken)
    {
        var values = await honest.TrainAsync(baseModel, task, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = -values[i];
        }
        return values;
    }
}
