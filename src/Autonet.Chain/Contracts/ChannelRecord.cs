using System.Numerics;

namespace Autonet.Chain.Contracts;

/// <summary>InferenceMarket.Channel: what a client deposited for one provider, what was redeemed and withdrawn, and when a
/// requested withdrawal opens (0: none). A voucher may total at most <see cref="Available"/>.</summary>
public sealed record ChannelRecord(BigInteger Deposited, BigInteger Redeemed, BigInteger Withdrawn, ulong WithdrawableAt)
{
    /// <summary>The most a voucher may total: deposited minus withdrawn.</summary>
    public BigInteger Available => Deposited - Withdrawn;

    internal static ChannelRecord FromAbi(object[] t) => new((BigInteger)t[0], (BigInteger)t[1], (BigInteger)t[2], (ulong)(BigInteger)t[3]);
}
