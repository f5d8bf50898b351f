// The body of `autonet node step`: one node, in a process of its own, does one step of its role on one task and
// exits. Everything comes from the node's home (node.json, node.key, node.db, chain.json), so a killed node that is
// started again resumes from what it saved. Each transaction is printed as a "tx {json}" line for the run report.
using System.Text.Json;
using Autonet.Chain.Contracts;
using Autonet.Chain.Rpc;
using Autonet.Node.Adapters;
using Autonet.Node.Chain;
using Autonet.Node.Hosting;
using Autonet.Node.State;
using Autonet.Storage.Blobs;

namespace Autonet.Node.Roles;

/// <summary>Runs one step of the node whose home is given and writes its outcome lines.</summary>
public static class NodeProcessMain
{
    /// <summary>The prefix of a transaction line on the node process's output.</summary>
    public const string TxPrefix = "tx ";

    /// <summary>Steps the node on <paramref name="taskId"/>; returns its outcome line ("task 3: Committed: committed").</summary>
    public static async Task<string> StepAsync(NodeHome home, ulong taskId, TextWriter output, CancellationToken cancellationToken)
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
        var step = NodeRoles.Create(config, chain, blobs, database, clock, NodeRoles.LoadLocalData(config));
        return await new NodeHost(config.Name, chain, clock, step).StepAsync(taskId, cancellationToken).ConfigureAwait(false);
    }
}
