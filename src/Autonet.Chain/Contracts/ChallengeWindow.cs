using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// ModelChallenges.windowOf and challengesOf: the challenge window of one task model (its round), the aggregator and
/// its bond, when challenges close and when the window can settle, whether it settled and whether the model was replaced,
/// and every challenge in the order it came.
/// </summary>
public sealed record ChallengeWindow(
    BigInteger Round, BigInteger TaskId, Address Aggregator, BigInteger Bond, DateTimeOffset ClosesAt, DateTimeOffset SettleAfter,
    bool Settled, bool Replaced, IReadOnlyList<ModelChallenge> Challenges)
{
    internal static ChallengeWindow FromAbi(BigInteger round, object[] w, object[] challenges) => new(
        round, (BigInteger)w[0], (Address)w[1], (BigInteger)w[2], Time(w[3]), Time(w[4]), (bool)w[6], (bool)w[7],
        [.. challenges.Select((c, i) => ModelChallenge.FromAbi(i, (object[])c))]);

    internal static DateTimeOffset Time(object unixSeconds) => DateTimeOffset.FromUnixTimeSeconds((long)(ulong)(BigInteger)unixSeconds);
}
