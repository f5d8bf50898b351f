// The body of `autonet node step` (one step of the node's role on one task, then exit) and `autonet node run` (the
// node as a daemon watching its project's tasks). Everything comes from the node's home (config.yaml with the chain's
// registry and every role setting, NodeConfig.From; the keystore; node.db; a devnet's lockstep homes have chain.json
// and node.key instead) and from the chain (the storage providers), so a killed node that is started again resumes from what it saved. Standard output carries
// only node events, one JSON line each (Hosting.NodeEvent): every transaction as it is sent and every outcome; the
// human-readable log goes to the logger (standard error in the Cli). Transactions are journaled in node.db before
// they are sent (State.TransactionJournal), so a restarted node first sends its unmined ones again, same nonce and
// bytes; config.yaml's chain.timeout_seconds sets the RPC timeout and metrics.listen where `node run` serves /metrics.
// Models go across the storage providers registered on chain and are read back from them (Storage/).
using Autonet.Node.Adapters;
using Autonet.Node.Config;
using Autonet.Node.Hosting;
using Autonet.Node.Metrics;
using Autonet.Node.State;
using Autonet.Storage.Blobs;
using Microsoft.Extensions.Logging;

namespace Autonet.Node.Roles;

/// <summary>Runs the node whose home is given and writes its event lines.</summary>
public static partial class NodeProcessMain
{
    /// <summary>A daemon's step that failed this many polls in a row is a lasting failure (its outcome's Attempt reaches it).</summary>
    public const int LastingFailure = NodeLoop.LastingFailure;

    /// <summary>
    /// Steps the node on <paramref name="taskId"/>, prints its outcome line and returns the outcome.
    /// <paramref name="decorator"/> wraps the node's honest parts (NodeRoles.Create); null for an honest node.
    /// </summary>
    public static Task<NodeOutcome> StepAsync(NodeHome home, ulong taskId, TextWriter output, ILogger logger, RoleDecorator? decorator, CancellationToken cancellationToken) =>
        WithNodeAsync(home, output, logger, decorator, async (host, _, _, _) =>
        {
            var outcome = await host.StepAsync(taskId, cancellationToken).ConfigureAwait(false);
            await PrintAsync(output, logger, host, outcome, cancellationToken).ConfigureAwait(false);
            return outcome;
        }, cancellationToken);

    /// <summary>
    /// The node as a daemon, on chain time alone (<see cref="NodeLoop"/>): every <paramref name="poll"/>, a proposer
    /// with a plan posts its next task when due, and the node steps its role and its duties (keeper, challenger,
    /// claims) on each task of its project it has not finished, printing a task's outcome line when it changes, until cancelled.
    /// </summary>
    public static Task<int> RunAsync(NodeHome home, TimeSpan poll, TextWriter output, ILogger logger, RoleDecorator? decorator, CancellationToken cancellationToken) =>
        WithNodeAsync(home, output, logger, decorator, async (host, chain, config, parts) =>
        {
            var settings = AutonetConfig.Load(home);
            await using var server = settings.MetricsListen is { } listen ? await MetricsServer.StartAsync(listen, cancellationToken).ConfigureAwait(false) : null;
            var journal = chain.Contracts.Client.Journal as TransactionJournal;
            using var metrics = new NodeMetrics(config.Role, () => journal?.Count() ?? 0);
            if (server is not null)
            {
                ServingMetrics(logger, host.Name, server.Url);
            }
            // Before ready: the project's next task waits for this node's commitment (a solver's, or a coordinator's vote).
            var member = config.Role switch { NodeRole.Solver => Chain.Contracts.StakingRole.Solver, NodeRole.Coordinator => Chain.Contracts.StakingRole.Coordinator, _ => (Chain.Contracts.StakingRole?)null };
            try
            {
                if (member is { } role && settings.JoinProject && await chain.JoinProjectAsync(config.ProjectId, role, cancellationToken).ConfigureAwait(false))
                {
                    Joined(logger, host.Name, role, config.ProjectId);
                }
            }
            catch (Chain.ChainException e) when (e.Revert?.Name == "UnknownProject")
            {
                NoProjectYet(logger, host.Name, config.ProjectId); // a solver may start before its project exists; it has no tasks until then
            }
            await output.WriteLineAsync(new NodeReady(host.Name, host.Role, chain.Account).ToLine()).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            parts.Duties.Refused = (taskId, duty, error) =>
            {
                var mined = error is Chain.ChainException { MinedTransaction: not null };
                metrics.KeeperRefused(duty, mined);
                KeeperRefused(logger, host.Name, taskId, duty, mined, error.Message); // another node did it first: not an error
            };
            var loop = new NodeLoop(host, chain, config, parts, metrics, logger, (outcome, ct) => PrintAsync(output, logger, host, outcome, ct));
            await loop.RunAsync(poll, cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1873:Avoid potentially expensive logging", Justification = "Describe runs only under IsEnabled(level); the analyzer does not follow a computed level")]
    private static async Task PrintAsync(TextWriter output, ILogger logger, NodeHost host, NodeOutcome outcome, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(outcome.ToLine()).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        var level = outcome.Error is null ? LogLevel.Information : LogLevel.Warning; // a failed step is worth a look
        if (logger.IsEnabled(level))
        {
            Stepped(logger, level, host.Name, host.Role, outcome.TaskId, outcome.Describe());
        }
    }

    // Opens the node from its home (config, chain, key, database, gateway, local data) and runs body with its host.
    private static async Task<T> WithNodeAsync<T>(NodeHome home, TextWriter output, ILogger logger, RoleDecorator? decorator, Func<NodeHost, ContractChain, NodeConfig, NodeParts, Task<T>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(output);
        var settings = AutonetConfig.Load(home);
        _ = NodeConfig.RoleOf(settings); // a home with no role says so before asking for a passphrase
        using var key = NodeKeys.Unlock(home, settings); // the keystore with key.passphrase_file / $AUTONET_PASSPHRASE (a devnet's lockstep homes: node.key)
        var config = NodeConfig.From(settings, key); // role, data, gateways, the proposer's plan, the genesis file
        using var database = NodeDatabase.Open(home.File("node.db")); // before the chain: it journals into this home's node.db
        var (client, system) = await NodeChain.ConnectAsync(home, settings, cancellationToken).ConfigureAwait(false); // chain.registry (or chain.json), chain id, timeout
        using var owned = client;
        if (config.Role is NodeRole.Aggregator or NodeRole.Coordinator)
        {
            // The roles that combine deltas (to publish, or to recompute a published model and challenge it) run the
            // rule the project stated on chain; a project that does not exist is named here, before anything is sent.
            config = config with { Aggregation = await NodeChain.AggregationOfAsync(system, config.ProjectId, cancellationToken).ConfigureAwait(false) };
        }

        foreach (var receipt in await client.ResumePendingAsync(key.Address, cancellationToken).ConfigureAwait(false))
        {
            Resubmitted(logger, config.Name, receipt.TransactionHash, receipt.BlockNumber);
        }
        using var http = new HttpClient();
        var uploadToken = HttpBlobStore.EnvironmentToken(); // $AUTONET_UPLOAD_TOKEN: a gateway on another host needs one
        var gateway = new Storage.GatewayBlobStore(system, http, uploadToken, config.Gateways); // storage.gateways, then the providers on chain
        var blobs = new Storage.ChainBlobStore(gateway, new Storage.ModelLocator(system, http)); // models sharded on chain come from their providers
        void Print(TxRecord t)
        {
            output.WriteLine(t.ToLine());
            output.Flush(); // a kill right after the transaction must not lose its line
        }
        var chain = new ContractChain(system, key, blobs, Print);
        var clock = new ChainClock(client);
        var models = new Storage.ChainModelStore(system, key, config.ProjectId, http, uploadToken, // across the providers on chain; none: the node's gateways
            new ShardedModelStore(gateway, Autonet.Storage.Sharding.ShardProvider.FromGateways(http, config.Gateways, uploadToken)));
        var userData = settings.TextData();
        var step = NodeRoles.Create(config, chain, blobs, models, database, clock, NodeRoles.LoadLocalData(config, userData), decorator);
        var parts = NodeParts.Build(config, chain, new ContractChallenges(system, key, Print), blobs, models, database, clock, decorator,
            new NodeServices(system, key, chain, blobs, database, clock, Print), userData, settings.KeeperStagger);
        return await body(new NodeHost(config.Name, config.Role, chain, clock, step), chain, config, parts).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1, Message = "{Node} ({Role}) task {TaskId}: {Outcome}")]
    private static partial void Stepped(ILogger logger, LogLevel level, string node, NodeRole role, ulong taskId, string outcome);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "{Node}: keeper duty {Duty} on task {TaskId} refused (mined: {Mined}), usually done by another node first: {Error}")]
    private static partial void KeeperRefused(ILogger logger, string node, ulong taskId, string duty, bool mined, string error);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "{Node}: node.project = {ProjectId} does not exist on chain yet: not joined as a member (its phases will not wait for this node); restart the node once the project exists")]
    private static partial void NoProjectYet(ILogger logger, string node, ulong projectId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Node}: serving metrics at {Url}")]
    private static partial void ServingMetrics(ILogger logger, string node, Uri url);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "{Node}: listed as a {Role} member of project {ProjectId} (its tasks wait for this node's commitment)")]
    private static partial void Joined(ILogger logger, string node, Chain.Contracts.StakingRole role, ulong projectId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Node}: a transaction saved before the restart, sent again with its nonce, is mined: {Hash} in block {Block}")]
    private static partial void Resubmitted(ILogger logger, string node, Autonet.Core.Ids.Hash32 hash, ulong block);
}
