using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Core.Ids;
using Autonet.Devnet.Faults;
using Autonet.Node;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;
using Autonet.Node.State;

namespace Autonet.Devnet.Network;

/// <summary>
/// One node of a run: name, role, address, own home. In lockstep the run also holds its key, SQLite database, chain
/// view and clock; with daemons it holds none of them (the home is the node's, made by `node init`), and asking for
/// one is a bug. The forced-error planter is a <see cref="NodeRole.Solver"/> to the contracts and to itself; only the
/// devnet knows it plants (<see cref="IsPlanter"/>).
/// </summary>
public sealed class NetworkNode(
    string name, NodeRole role, StakingRole staking, bool isPlanter, NodeHome home, Address address,
    SigningKey? key = null, NodeDatabase? database = null, ContractChain? chain = null, ChainClock? clock = null)
    : IDisposable
{
    public string Name { get; } = name;
    public NodeRole Role { get; } = role;

    /// <summary>The role its stake is held in (the planter's is Solver).</summary>
    public StakingRole Staking { get; } = staking;
    public bool IsPlanter { get; } = isPlanter;
    public NodeHome Home { get; } = home;

    /// <summary>The node's account.</summary>
    public Address Address { get; } = address;

    /// <summary>The node's key (lockstep only).</summary>
    public SigningKey Key => key ?? throw Daemon(nameof(Key));
    public NodeDatabase Database => database ?? throw Daemon(nameof(Database));
    public ContractChain Chain => chain ?? throw Daemon(nameof(Chain));
    public ChainClock Clock => clock ?? throw Daemon(nameof(Clock));

    /// <summary>The node's role and settings (as its config.yaml in its home gives them; lockstep and --processes only).</summary>
    public NodeConfig? Config { get; set; }

    /// <summary>How the devnet makes the node misbehave (also saved as devnet.json in its home); null when honest.</summary>
    public DevnetConfig? Faults { get; set; }

    /// <summary>
    /// The node's part of a phase (train + commit, reveal, verify + vote, aggregate + publish) of a task: one step in
    /// this process or in a node process, or waiting for the node's daemon; returns its outcome.
    /// </summary>
    public Func<ulong, RoundPhase, CancellationToken, Task<NodeOutcome>>? Step { get; set; }

    public void Dispose()
    {
        database?.Dispose();
        key?.Dispose();
    }

    private InvalidOperationException Daemon(string part) =>
        new($"node {Name}: the run holds no {part} of a daemon node (its home is its own); read the chain instead");
}
