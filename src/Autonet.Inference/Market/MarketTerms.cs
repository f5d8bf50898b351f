using System.Numerics;
using Autonet.Chain.Crypto;

namespace Autonet.Inference.Market;

/// <summary>
/// What a paid provider serves under: its key (receipts are signed with it; vouchers name its address), the market's
/// EIP-712 domain, the project and round of the model it serves, and its pricing function.
/// </summary>
public sealed record MarketTerms(SigningKey Provider, TypedDataDomain Domain, BigInteger ProjectId, BigInteger Round, IPricing Pricing);
