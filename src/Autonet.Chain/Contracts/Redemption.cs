using System.Numerics;

namespace Autonet.Chain.Contracts;

/// <summary>One voucher redemption: the new <see cref="Amount"/> and its split (InferenceMarket's VoucherRedeemed event).</summary>
public sealed record Redemption(BigInteger Amount, BigInteger ProviderShare, BigInteger ProjectShare, BigInteger TreasuryShare, BigInteger GasUsed);
