using System.Numerics;

namespace Autonet.Chain.Contracts;

/// <summary>InferenceMarket.Provider: a provider's stake for one project, its advertised price per request, lock, open disputes, endpoint.</summary>
public sealed record ProviderRecord(BigInteger Stake, BigInteger Price, ulong UnlockAt, uint OpenDisputes, string Endpoint)
{
    internal static ProviderRecord FromAbi(object[] t) => new((BigInteger)t[0], (BigInteger)t[1], (ulong)(BigInteger)t[2], (uint)(BigInteger)t[3], (string)t[4]);
}
