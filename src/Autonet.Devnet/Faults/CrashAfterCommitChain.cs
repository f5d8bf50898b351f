using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>
/// The kill-and-restart scenarios' solver (`crash-after-commit`, node processes or daemons only): its process is killed
/// (SIGKILL) the moment its commit transaction is mined, before the solver saves that it committed: the worst
/// moment to lose a node. Restarted, the solver finds its salt in node.db and its commitment on chain, and reveals.
/// It happens once per task: after the restart the commitment is already on chain, so the solver does not commit again.
/// </summary>
public sealed class CrashAfterCommitChain(IChain inner) : ForwardingChain(inner)
{
    public override async Task CommitSolutionAsync(ulong taskId, Hash32 commitment, CancellationToken cancellationToken)
    {
        await Inner.CommitSolutionAsync(taskId, commitment, cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"task {taskId}: crash-after-commit: killing this node process now").ConfigureAwait(false);
        await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        System.Diagnostics.Process.GetCurrentProcess().Kill();
    }
}
