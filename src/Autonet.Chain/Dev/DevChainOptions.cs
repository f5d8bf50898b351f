using System.Numerics;

namespace Autonet.Chain.Dev;

/// <summary>Options of a local anvil chain; validated by <see cref="DevChain.StartAsync"/>.</summary>
public sealed record DevChainOptions
{
    /// <summary>The anvil executable; null finds it under contracts/node_modules above the current or base directory.</summary>
    public string? AnvilPath { get; init; }

    /// <summary>Dev accounts to create, each funded with 10 000 ETH.</summary>
    public int Accounts { get; init; } = 10;

    public BigInteger ChainId { get; init; } = 31337;

    /// <summary>The port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The address to listen on: loopback by default; a separate host's own address when <see cref="Launcher"/> runs anvil there.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>A command that runs anvil elsewhere, put before it (e.g. `ip netns exec HOST` for a network-namespace host); empty runs it here.</summary>
    public IReadOnlyList<string> Launcher { get; init; } = [];

    /// <summary>A file to keep the chain's state in (anvil --state, dumped every second and on a clean stop, loaded at start); null: nothing persists.</summary>
    public string? StatePath { get; init; }

    /// <summary>How long to wait for anvil to listen.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
