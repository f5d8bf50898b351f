// The body of `autonet node step` (one step of the node's role on one task, then exit) and `autonet node run` (the
// node as a daemon watching its project's tasks). Everything comes from the node's home (node.json, node.key,
// node.db, chain.json), so a killed node that is started again resumes from what it saved. Each transaction is
// printed as a "tx {json}" line for the run report.
using System.Text.Json;
using Autonet.Chain.Contracts;
using Autonet.Chain.Rpc;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.State;
using Autonet.Storage.Blobs;

namespace Autonet.Node.Roles;

/// <summary>Runs one step of the node whose home is given and writes its outcome lines.</summary>
public static class NodeProcessMain
{
    /// <summary>A daemon's step error that failed this many polls in a row is lasting (its line ends "(attempt 3)").</summary>
    public const int LastingFailure = 3;

    /// <summary>The prefix of a transaction line on the node process's output.</summary>
    public const string TxPrefix = "tx ";

    /// <summary>
    /// Steps the node on <paramref name="taskId"/>; returns its outcome line ("task 3: Committed: committed").
    /// <paramref name="decorator"/> wraps the node's honest parts (NodeRoles.Create); null for an honest node.
    /// </summary>
    public static Task<string> StepAsync(NodeHome home, ulong taskId, TextWriter output, RoleDecorator? decorator, CancellationToken cancellationToken) =>
        WithNodeAsync(home, output, decorator, (host, _, _) => host.StepAsync(taskId, cancellationToken), cancellationToken);

    /// <summary>
    /// The node as a daemon: every <paramref name="poll"/>, steps each task of its project it has not finished and
    /// prints a task's outcome line when it changes, until cancelled. A task is finished for the node once it is
    /// settled and stepped without error (for an aggregator: once it published the task's model).
    /// </summary>
    public static Task<int> RunAsync(NodeHome home, TimeSpan poll, TextWriter output, RoleDecorator? decorator, CancellationToken cancellationToken) =>
        WithNodeAsync(home, output, decorator, async (host, chain, config) =>
        {
            var finished = new HashSet<ulong>();
            var last = new Dictionary<ulong, string>();
            var failures = new Dictionary<ulong, int>();
            while (!cancellationToken.IsCancellationRequested)
            {
                IReadOnlyList<(ulong TaskId, bool Settled)> tasks;
                try
                {
                    tasks = await chain.ListTasksAsync(config.ProjectId, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The node's loop edge: a failed read (node restarting, a reply out of range) is retried next poll.
                    await output.WriteLineAsync($"node: error: listing the project's tasks failed, retrying: {e.Message}").ConfigureAwait(false);
                    await Task.Delay(poll, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                foreach (var (taskId, settled) in tasks)
                {
                    if (finished.Contains(taskId))
                    {
                        continue;
                    }
                    chain.System.Client.ResetNonces(); // the node's key may also have been used elsewhere (a keeper, a restart)
                    var line = await host.StepAsync(taskId, cancellationToken).ConfigureAwait(false);
                    failures[taskId] = line.Contains(": error:", StringComparison.Ordinal) ? failures.GetValueOrDefault(taskId) + 1 : 0;
                    if (failures[taskId] is > 1 and <= LastingFailure)
                    {
                        line += $" (attempt {failures[taskId]})"; // retried every poll; said until it counts as lasting
                    }
                    if (!last.TryGetValue(taskId, out var previous) || previous != line)
                    {
                        await output.WriteLineAsync(line).ConfigureAwait(false);
                        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                        last[taskId] = line;
                    }
                    if (settled && !line.Contains(": error:", StringComparison.Ordinal) && (config.Role != "aggregator" || line.Contains(": published ", StringComparison.Ordinal)))
                    {
                        finished.Add(taskId);
                    }
                }
                await Task.Delay(poll, cancellationToken).ConfigureAwait(false);
            }
            return 0;
        }, cancellationToken);

    // Opens the node from its home (config, chain, key, database, gateway, local data) and runs body with its host.
    private static async Task<T> WithNodeAsync<T>(NodeHome home, TextWriter output, RoleDecorator? decorator, Func<NodeHost, ContractChain, NodeConfig, Task<T>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(output);
        var config = NodeConfig.Load(home);
        var (rpc, deployment) = ChainFile.Load(home);
        using var client = await ChainClient.ConnectAsync(rpc, deployment.ChainId, cancellationToken).ConfigureAwait(false);
        var system = await AutonetSystem.AttachAsync(client, deployment, CompiledContract.FindOutDirectory(), cancellationToken).ConfigureAwait(false);
        using var key = NodeIdentity.LoadOrCreate(home);
        using var database = NodeDatabase.Open(home.File("node.db"));
        using var http = new HttpClient();
        var blobs = new BlobStoreAdapter(new HttpBlobStore(http, config.Gateway));
        void Print(TxRecord t)
        {
            output.WriteLine(TxPrefix + JsonSerializer.Serialize(t, IdJsonConverters.Options));
            output.Flush(); // a kill right after the transaction must not lose its line
        }
        var chain = new ContractChain(system, key, blobs, database, Print);
        var clock = new ChainClock(client);
        var step = NodeRoles.Create(config, chain, blobs, database, clock, NodeRoles.LoadLocalData(config), decorator);
        return await body(new NodeHost(config.Name, chain, clock, step), chain, config).ConfigureAwait(false);
    }
}
