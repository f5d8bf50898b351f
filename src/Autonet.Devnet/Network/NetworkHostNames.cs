// The hosts of a `network run --hosts`: "chain" (anvil), one per storage provider ("provider-1", ...) and one per node,
// named as the node is (proposer-1, solver-1, ..., planter-1, ...: NetworkSetup's names), in that order, so the chain is
// always NET.1 and the providers follow it.
namespace Autonet.Devnet.Network;

/// <summary>Names the hosts of a run with separate hosts.</summary>
public static class NetworkHostNames
{
    /// <summary>The chain's host.</summary>
    public const string Chain = "chain";

    /// <summary>The name (and host) of storage provider <paramref name="index"/> (1-based).</summary>
    public static string Provider(int index) => $"provider-{index}";

    /// <summary>Every host of a run with <paramref name="options"/>: the chain, the providers, then the nodes.</summary>
    public static IReadOnlyList<string> All(NetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var nodes = new (string Prefix, int Count)[]
        {
            ("proposer", options.Proposers), ("solver", options.Solvers), ("coordinator", options.Coordinators), ("aggregator", options.Aggregators),
            ("planter", options.ForcedErrors ? options.Rounds : 0), // as NetworkSetup names its planter accounts
        };
        return [Chain, .. Enumerable.Range(1, options.ProviderCount).Select(Provider), .. nodes.SelectMany(n => Enumerable.Range(1, n.Count).Select(i => $"{n.Prefix}-{i}"))];
    }
}
