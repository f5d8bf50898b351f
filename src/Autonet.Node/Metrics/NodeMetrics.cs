// The daemon's own instruments on an "Autonet.Node" meter, one per running node: steps by outcome, failed listings,
// keeper duties refused (another node was first),
// the chain block last seen, the tasks it follows and its pending transactions. Autonet.Chain counts RPC calls,
// retries and transactions on its own meter; PrometheusExporter exports both.
using System.Diagnostics.Metrics;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;

namespace Autonet.Node.Metrics;

/// <summary>What one node daemon counts.</summary>
public sealed class NodeMetrics : IDisposable
{
    private readonly Meter _meter = new("Autonet.Node");
    private readonly Counter<long> _steps;
    private readonly Counter<long> _listingFailures;
    private readonly Counter<long> _keeperRefused;
    private readonly KeyValuePair<string, object?> _role;
    private long _block;
    private long _tasks;

    public NodeMetrics(NodeRole role, Func<int> pendingTransactions)
    {
        ArgumentNullException.ThrowIfNull(pendingTransactions);
        _role = new("role", role.ToString().ToLowerInvariant());
        _steps = _meter.CreateCounter<long>("autonet_node_steps", description: "Steps of the node's role on a task whose outcome changed, by role and outcome state");
        _listingFailures = _meter.CreateCounter<long>("autonet_node_listing_failures", description: "Polls whose listing of the project's tasks failed (retried next poll)");
        _keeperRefused = _meter.CreateCounter<long>("autonet_keeper_refused", description: "Keeper duties the chain refused, usually because another node did them first, by duty and whether the refusal was mined (gas spent) or came before sending");
        _meter.CreateObservableGauge("autonet_chain_block", () => new Measurement<long>(Interlocked.Read(ref _block)), description: "The latest chain block the node saw");
        _meter.CreateObservableGauge("autonet_node_tasks_followed", () => new Measurement<long>(Interlocked.Read(ref _tasks), _role), description: "Tasks of the project the node has not finished");
        _meter.CreateObservableGauge("autonet_node_pending_transactions", () => new Measurement<int>(pendingTransactions(), _role), description: "Signed transactions journaled in node.db and not yet mined");
    }

    public void Stepped(NodeOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _steps.Add(1, _role, new("state", outcome.Error is null ? outcome.State.ToString() : "Failed"));
    }

    public void ListingFailed() => _listingFailures.Add(1, _role);

    /// <summary>A keeper duty refused: <paramref name="mined"/> when its transaction was mined and reverted (gas spent).</summary>
    public void KeeperRefused(string duty, bool mined) => _keeperRefused.Add(1, _role, new("duty", duty), new("mined", mined ? "true" : "false"));

    public void Saw(ulong block, int unfinishedTasks)
    {
        Interlocked.Exchange(ref _block, checked((long)block));
        Interlocked.Exchange(ref _tasks, unfinishedTasks);
    }

    public void Dispose() => _meter.Dispose();
}
