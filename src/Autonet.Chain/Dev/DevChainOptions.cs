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

    /// <summary>How long to wait for anvil to listen.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
