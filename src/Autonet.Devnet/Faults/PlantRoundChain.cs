using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>
/// The chain view of one of the planter's fresh accounts: each plants in one round only (the <paramref name="round"/>-th
/// task of the project, 1-based), so no address plants twice and none is recognisable from an earlier round. Every
/// other task looks closed for commits to it (its commit deadline just after its proposal), so its solver role never
/// trains or joins there.
/// </summary>
public sealed class PlantRoundChain(ContractChain inner, int round) : ForwardingChain(inner)
{
    private readonly Dictionary<ulong, int> _ordinals = [];

    public override async Task<TaskView?> ReadTaskAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var task = await Inner.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null || task.CommitDeadline <= task.ProposedAt)
        {
            return task; // not open yet: the solver role waits either way
        }
        if (!_ordinals.TryGetValue(taskId, out var ordinal))
        {
            var tasks = await inner.ListTasksAsync(task.ProjectId, cancellationToken).ConfigureAwait(false);
            ordinal = _ordinals[taskId] = tasks.Select(t => t.TaskId).ToList().IndexOf(taskId) + 1;
        }
        return ordinal == round ? task : task with { CommitDeadline = task.ProposedAt + TimeSpan.FromTicks(TimeSpan.TicksPerSecond) };
    }
}
