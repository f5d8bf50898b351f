using Autonet.Core.Ids;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>
/// The chain view of one of the planter's fresh accounts: each plants in one round only (the <paramref name="round"/>-th
/// task of the project, 1-based), so no address plants twice and none is recognisable from an earlier round. Every
/// other task looks closed for commits to it (its commit deadline just after its proposal), so its solver role never
/// trains or joins there. With <see cref="Joins"/> (a daemon run) the account is a solver member of the project
/// (Project.join) from the first read of its round's task to its commit, as an honest solver is for the whole run,
/// so that task's commit phase waits for the plant and no other waits for this account.
/// </summary>
public sealed class PlantRoundChain(ContractChain inner, int round) : ForwardingChain(inner)
{
    private readonly Dictionary<ulong, int> _ordinals = [];
    private bool _joined;

    /// <summary>Whether the account joins the project's solver members for its round (node.join_project is off for it).</summary>
    public bool Joins { get; init; }

    public override async Task<TaskView?> ReadTaskAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var task = await Inner.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return null;
        }
        var mine = await OrdinalAsync(task, cancellationToken).ConfigureAwait(false) == round;
        if (mine && Joins && !_joined && task.GroundTruth is null && !task.Cancelled && task.Solutions.All(s => s.Solver != Account))
        {
            await inner.JoinProjectAsync(task.ProjectId, Autonet.Chain.Contracts.StakingRole.Solver, cancellationToken).ConfigureAwait(false);
            _joined = true;
        }
        if (task.CommitDeadline <= task.ProposedAt)
        {
            return task; // not open yet: the solver role waits either way
        }
        return mine ? task : task with { CommitDeadline = task.ProposedAt + TimeSpan.FromTicks(TimeSpan.TicksPerSecond) };
    }

    public override async Task CommitSolutionAsync(ulong taskId, Hash32 commitment, CancellationToken cancellationToken)
    {
        await Inner.CommitSolutionAsync(taskId, commitment, cancellationToken).ConfigureAwait(false);
        if (Joins && await Inner.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false) is { } task)
        {
            await inner.LeaveProjectAsync(task.ProjectId, cancellationToken).ConfigureAwait(false); // committed: no later task waits for it
        }
    }

    private async Task<int> OrdinalAsync(TaskView task, CancellationToken cancellationToken)
    {
        if (!_ordinals.TryGetValue(task.TaskId, out var ordinal))
        {
            var tasks = await inner.ListTasksAsync(task.ProjectId, cancellationToken).ConfigureAwait(false);
            ordinal = _ordinals[task.TaskId] = tasks.Select(t => t.TaskId).ToList().IndexOf(task.TaskId) + 1;
        }
        return ordinal;
    }
}
