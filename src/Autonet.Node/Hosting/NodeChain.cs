// How every command reaches the chain from a home: the RPC from --rpc, else config.yaml/the environment (chain.rpc),
// else the home's chain.json (what `chain up` wrote), else the default; the contracts from chain.registry (discovery
// from one address, seed 002), else chain.json's addresses. Each failure is one line naming the value and the rule.
// A home with a node.db journals every transaction and chooses nonces under its lock (State.TransactionJournal).
using System.Numerics;
using Autonet.Chain;
using Autonet.Chain.Contracts;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;
using Autonet.Node.Config;

namespace Autonet.Node.Hosting;

/// <summary>Connects a home to its chain and deployment.</summary>
public static class NodeChain
{
    /// <summary>The RPC URL this home uses (see the file header for the order).</summary>
    public static Uri RpcOf(NodeHome home, AutonetConfig config, Uri? overrideRpc = null)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(config);
        if (overrideRpc is not null)
        {
            return overrideRpc;
        }
        if (config.SourceOf(ConfigKeys.ChainRpc).Source != ConfigSource.Default || !File.Exists(home.File(ChainFile.FileName)))
        {
            return config.Rpc;
        }
        return ChainFile.Load(home).Rpc;
    }

    /// <summary>Connects (RPC timeout chain.timeout_seconds, chain id checked against chain.chain_id when set) and binds the contracts.</summary>
    /// <exception cref="ChainException">unreachable RPC, wrong chain id, wrong registry (one line naming the value and the rule)</exception>
    public static async Task<(ChainClient Client, AutonetSystem System)> ConnectAsync(NodeHome home, AutonetConfig config, CancellationToken cancellationToken, Uri? overrideRpc = null, RpcPolicy? policy = null)
    {
        if (config.Registry.Length == 0 && !File.Exists(home.File(ChainFile.FileName)))
        {
            throw new ChainException($"chain.registry is empty and {home.File(ChainFile.FileName)} does not exist; rule: a node needs the deployment's registry address: `autonet config set chain.registry 0x…` (printed by `autonet chain up`) or `autonet node init --registry`");
        }
        var rpc = RpcOf(home, config, overrideRpc);
        var client = await ConnectClientAsync(rpc, config, cancellationToken, policy).ConfigureAwait(false);
        try
        {
            if (File.Exists(home.File("node.db")))
            {
                // Every send from this home journals and takes the home's nonce lock: a daemon and a command beside it share a key safely.
                client.Journal = State.TransactionJournal.Open(home);
            }
            var outDirectory = CompiledContract.FindOutDirectory();
            AutonetSystem system;
            if (config.Registry.Length > 0)
            {
                system = await AutonetSystem.DiscoverAsync(client, Address.Parse(config.Registry), outDirectory, cancellationToken).ConfigureAwait(false);
            }
            else if (File.Exists(home.File(ChainFile.FileName)))
            {
                system = await AutonetSystem.AttachAsync(client, ChainFile.Load(home).Deployment, outDirectory, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                throw new InvalidOperationException("unreachable: checked before connecting");
            }
            return (client, system);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The aggregation options project <paramref name="projectId"/> stated on chain at creation: every aggregator and
    /// every challenger of the project combines deltas with these, never with a setting of its own.
    /// </summary>
    /// <exception cref="ChainException">The project does not exist (the message names node.project and the rule).</exception>
    /// <exception cref="FormatException">The project's spec cannot be parsed or breaks an option's rule (the message quotes it).</exception>
    public static async Task<Protocol.Aggregation.AggregationOptions> AggregationOfAsync(AutonetSystem system, ulong projectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        string spec;
        try
        {
            spec = await system.Project.AggregationOfAsync(projectId, cancellationToken).ConfigureAwait(false);
        }
        catch (ChainException e) when (e.Revert?.Name == "UnknownProject")
        {
            throw new ChainException($"node.project = {projectId}: the deployment's Project contract has no such project; rule: must be the id of an existing project (`autonet config set node.project N`)", e);
        }

        try
        {
            return Protocol.Aggregation.AggregationSpec.Parse(spec);
        }
        catch (Exception e) when (e is FormatException or Protocol.ProtocolException)
        {
            throw new FormatException($"project {projectId} states {e.Message}; rule: a node takes part only in a project whose aggregation it can run", e);
        }
    }

    /// <summary>Connects to <paramref name="rpc"/> with the configured timeout (or <paramref name="policy"/>) and expected chain id.</summary>
    public static async Task<ChainClient> ConnectClientAsync(Uri rpc, AutonetConfig config, CancellationToken cancellationToken, RpcPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        BigInteger? expected = config.ChainId == 0 ? null : config.ChainId;
        try
        {
            return await ChainClient.ConnectAsync(rpc, expected, cancellationToken, policy: policy ?? RpcPolicy.Default with { Timeout = config.RpcTimeout }).ConfigureAwait(false);
        }
        catch (ChainException e) when (e.Message.StartsWith("wrong chain", StringComparison.Ordinal))
        {
            throw new ChainException($"chain.chain_id = {config.ChainId}: {e.Message}; rule: must be the id of the chain chain.rpc serves", e);
        }
        catch (ChainException e)
        {
            throw new ChainException($"chain.rpc = {rpc}: unreachable ({e.Message}); rule: must be a JSON-RPC endpoint that answers within chain.timeout_seconds = {config.RpcTimeout.TotalSeconds} s", e);
        }
    }
}
