using Autonet.Core.Ids;
using Autonet.Protocol.Ports;
using Microsoft.Extensions.Logging;

namespace Autonet.Devnet.Faults;

/// <summary>
/// The kill-and-restart scenarios' solver (`crash-after-commit`, node processes or daemons only): its process is killed
/// (SIGKILL) the moment its commit transaction is mined, before the solver saves that it committed: the worst
/// moment to lose a node. Restarted, the solver finds its salt in node.db and its commitment on chain, and reveals.
/// It happens once per task: after the restart the commitment is already on chain, so the solver does not commit again.
/// </summary>
public sealed partial class CrashAfterCommitChain(IChain inner, ILogger logger) : ForwardingChain(inner)
{
    public override async Task CommitSolutionAsync(ulong taskId, Hash32 commitment, CancellationToken cancellationToken)
    {
        await Inner.CommitSolutionAsync(taskId, commitment, cancellationToken).ConfigureAwait(false);
        Killing(logger, taskId);
        System.Diagnostics.Process.GetCurrentProcess().Kill();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "task {TaskId}: crash-after-commit: killing this node process now")]
    private static partial void Killing(ILogger logger, ulong taskId);
}
