using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Roles;

/// <summary>What earlier tasks of a project made public: the one place that walks back through task ids.</summary>
public static class TaskHistory
{
    /// <summary>
    /// The latest task before <paramref name="task"/> of the same project in which some solver revealed (so its deltas
    /// and validation set are public), looking at most <paramref name="lookBack"/> task ids back; null when there is none.
    /// </summary>
    public static async Task<TaskView?> PreviousWithRevealsAsync(IChain chain, TaskView task, ulong lookBack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(task);
        for (var id = task.TaskId - 1; id >= 1 && task.TaskId - id <= lookBack; id--)
        {
            var earlier = await chain.ReadTaskAsync(id, cancellationToken).ConfigureAwait(false);
            if (earlier is not null && earlier.ProjectId == task.ProjectId && earlier.Solutions.Any(s => s.Revealed))
            {
                return earlier;
            }
        }
        return null;
    }
}
