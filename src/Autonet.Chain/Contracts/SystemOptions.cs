using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>Constructor choices for a fresh deployment; the defaults suit a dev chain.</summary>
public sealed record SystemOptions
{
    /// <summary>ATN minted to the deployer (18 decimals).</summary>
    public BigInteger InitialSupply { get; init; } = Atn.Units(10_000_000);

    /// <summary>Receives slashed stake; null means the deployer.</summary>
    public Address? Treasury { get; init; }

    /// <summary>Minimum ATN a storage provider stakes in ModelShardRegistry.</summary>
    public BigInteger MinimumProviderStake { get; init; } = Atn.Units(200);

    /// <summary>How long a storage provider's stake stays locked.</summary>
    public TimeSpan ProviderLock { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long after a task model's publish ModelChallenges accepts challenges.</summary>
    public TimeSpan ChallengeWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long after a challenge coordinators may vote on it.</summary>
    public TimeSpan ChallengeVoteWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>An account allowed to plant forced errors; null plants none.</summary>
    public Address? ForcedErrorPlanter { get; init; }
}
