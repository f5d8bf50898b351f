using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// Where Autonet's contracts live on one chain: the protocol's, the model challenges, the inference market, the provider registry, and the contract
/// registry that lists them all (seed 002: a node given the RPC URL and <see cref="ContractRegistry"/> finds the rest,
/// <see cref="AutonetSystem.DiscoverAsync"/>).
/// </summary>
public sealed record Deployment(
    BigInteger ChainId,
    Address AtnToken,
    Address ParticipantStaking,
    Address Project,
    Address TaskContract,
    Address ResultsRewards,
    Address ForcedErrorRegistry,
    Address ModelShardRegistry,
    Address ModelChallenges,
    Address InferenceMarket,
    Address ProviderRegistry,
    Address ContractRegistry)
{
    /// <summary>The compiled contract names, in deployment order.</summary>
    public static IReadOnlyList<string> ContractNames { get; } =
        ["ATNToken", "ParticipantStaking", "Project", "TaskContract", "ResultsRewards", "ForcedErrorRegistry", "ModelShardRegistry", "ModelChallenges", "InferenceMarket", "ProviderRegistry", "ContractRegistry"];

    /// <summary>The names the contract registry lists: every contract but the registry itself.</summary>
    public static IReadOnlyList<string> RegisteredNames { get; } = [.. ContractNames.Where(n => n != "ContractRegistry")];

    /// <summary>Addresses by compiled contract name.</summary>
    public IReadOnlyDictionary<string, Address> ByName => new Dictionary<string, Address>
    {
        ["ATNToken"] = AtnToken,
        ["ParticipantStaking"] = ParticipantStaking,
        ["Project"] = Project,
        ["TaskContract"] = TaskContract,
        ["ResultsRewards"] = ResultsRewards,
        ["ForcedErrorRegistry"] = ForcedErrorRegistry,
        ["ModelShardRegistry"] = ModelShardRegistry,
        ["ModelChallenges"] = ModelChallenges,
        ["InferenceMarket"] = InferenceMarket,
        ["ProviderRegistry"] = ProviderRegistry,
        ["ContractRegistry"] = ContractRegistry,
    };

    /// <summary>Builds a deployment from addresses by name (a chain.json, a registry's listing).</summary>
    /// <exception cref="FormatException">a name of <see cref="ContractNames"/> is missing (the message names it and the source)</exception>
    public static Deployment FromNames(BigInteger chainId, IReadOnlyDictionary<string, Address> byName, string source)
    {
        ArgumentNullException.ThrowIfNull(byName);
        Address Get(string name) => byName.TryGetValue(name, out var a) ? a : throw new FormatException($"{source} lacks '{name}'");
        return new Deployment(chainId, Get("ATNToken"), Get("ParticipantStaking"), Get("Project"), Get("TaskContract"), Get("ResultsRewards"),
            Get("ForcedErrorRegistry"), Get("ModelShardRegistry"), Get("ModelChallenges"), Get("InferenceMarket"), Get("ProviderRegistry"), Get("ContractRegistry"));
    }
}
