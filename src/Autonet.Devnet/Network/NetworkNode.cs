using Autonet.Chain.Crypto;
using Autonet.Node;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.State;

namespace Autonet.Devnet.Network;

/// <summary>One in-process node of a run: role, name, own home (key, SQLite database), chain view and host.</summary>
public sealed class NetworkNode(string name, string role, NodeHome home, SigningKey key, NodeDatabase database, ContractChain chain, ChainClock clock) : IDisposable
{
    public string Name { get; } = name;
    public string Role { get; } = role;
    public NodeHome Home { get; } = home;
    public SigningKey Key { get; } = key;
    public NodeDatabase Database { get; } = database;
    public ContractChain Chain { get; } = chain;
    public ChainClock Clock { get; } = clock;

    /// <summary>The node's role and settings (also saved as node.json in its home).</summary>
    public Node.Roles.NodeConfig? Config { get; set; }

    /// <summary>
    /// The node's part of a phase ("commit", "reveal", "verify", "aggregate") of a task: one step in this process or in
    /// a node process, or waiting for the node's daemon; returns the outcome line.
    /// </summary>
    public Func<ulong, string, CancellationToken, Task<string>>? Step { get; set; }

    public void Dispose()
    {
        Database.Dispose();
        Key.Dispose();
    }
}
