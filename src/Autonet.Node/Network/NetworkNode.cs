using Autonet.Chain.Crypto;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.State;

namespace Autonet.Node.Network;

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
    public NodeHost? Host { get; set; }

    public void Dispose()
    {
        Database.Dispose();
        Key.Dispose();
    }
}
