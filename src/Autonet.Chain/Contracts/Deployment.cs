using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// Where Autonet's contracts live on one chain (eight, with the inference market). This is what `autonet chain up` prints and what a node needs
/// (with the RPC URL) to attach to an existing chain.
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
    Address ModelChallenges)
{
    /// <summary>InferenceMarket, the eighth contract; null in deployments written before it existed.</summary>
    public Address? InferenceMarket { get; init; }

    /// <summary>The compiled contract names, in deployment order.</summary>
    public static IReadOnlyList<string> ContractNames { get; } =
        ["ATNToken", "ParticipantStaking", "Project", "TaskContract", "ResultsRewards", "ForcedErrorRegistry", "ModelShardRegistry", "ModelChallenges", "InferenceMarket"];

    /// <summary>Addresses by compiled contract name.</summary>
    public IReadOnlyDictionary<string, Address> ByName
    {
        get
        {
            var byName = new Dictionary<string, Address>
            {
                ["ATNToken"] = AtnToken,
                ["ParticipantStaking"] = ParticipantStaking,
                ["Project"] = Project,
                ["TaskContract"] = TaskContract,
                ["ResultsRewards"] = ResultsRewards,
                ["ForcedErrorRegistry"] = ForcedErrorRegistry,
                ["ModelShardRegistry"] = ModelShardRegistry,
                ["ModelChallenges"] = ModelChallenges,
            };
            if (InferenceMarket is { } market)
            {
                byName["InferenceMarket"] = market;
            }
            return byName;
        }
    }
}
