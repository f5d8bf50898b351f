// Why this exists: a daemon prints a transaction's event line only once it has the receipt (it polls for it, up to a
// second apart), and the launcher reads that line from a pipe; the observer reads the chain, which knows sooner. So the
// observer could see the last task settled, and every reward claimed, while the daemons' lines of the last
// settleModel and claims were still on their way, and the run wrote its report without them (DaemonScenarioTests once
// missed a round's settleModel on a loaded machine). Before the report is written, every transaction a node sent to the
// round contracts since the rounds began (found from the contracts' event logs, its sender from the chain) must be
// among the lines the daemons reported; the observer waits for the late ones and names any that never come.
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;
using Autonet.Node.Adapters;

namespace Autonet.Devnet.Network;

/// <summary>Compares the nodes' transactions on chain with the transactions their processes reported.</summary>
internal sealed class ReportedTransactions(ChainClient client, IReadOnlyCollection<Address> contracts, IReadOnlySet<Address> nodes, Func<IReadOnlyList<TxRecord>> reported)
{
    private readonly Dictionary<Hash32, Address?> _senders = [];

    /// <summary>A node's transaction on chain that no process reported (yet).</summary>
    public sealed record Missing(Hash32 Hash, Address From, ulong Block);

    /// <summary>The nodes' transactions to <c>contracts</c> in blocks <paramref name="fromBlock"/>.. that are not among the reported ones.</summary>
    public async Task<IReadOnlyList<Missing>> FindAsync(ulong fromBlock, CancellationToken cancellationToken)
    {
        var known = reported().Select(t => t.Hash).ToHashSet();
        var missing = new List<Missing>();
        var seen = new HashSet<Hash32>();
        foreach (var contract in contracts)
        {
            foreach (var log in await client.GetLogsAsync(new LogFilter(contract, fromBlock), cancellationToken).ConfigureAwait(false))
            {
                if (known.Contains(log.TransactionHash) || !seen.Add(log.TransactionHash))
                {
                    continue;
                }
                if (!_senders.TryGetValue(log.TransactionHash, out var sender))
                {
                    _senders[log.TransactionHash] = sender = await client.GetTransactionSenderAsync(log.TransactionHash, cancellationToken).ConfigureAwait(false);
                }
                if (sender is { } from && nodes.Contains(from))
                {
                    missing.Add(new Missing(log.TransactionHash, from, log.BlockNumber));
                }
            }
        }
        return missing;
    }

    /// <summary>Waits until every node transaction from <paramref name="fromBlock"/> on is reported, at most <paramref name="timeout"/>; returns those still missing.</summary>
    public async Task<IReadOnlyList<Missing>> AwaitAsync(ulong fromBlock, TimeSpan timeout, TimeSpan poll, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var missing = await FindAsync(fromBlock, cancellationToken).ConfigureAwait(false);
            if (missing.Count == 0 || DateTimeOffset.UtcNow >= until)
            {
                return missing;
            }
            await Task.Delay(poll, cancellationToken).ConfigureAwait(false);
        }
    }
}
