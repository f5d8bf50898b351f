namespace Autonet.Chain.Contracts;

/// <summary>A project's inference revenue split in basis points (InferenceMarket.ratesOf; they sum to 10000).</summary>
public sealed record RevenueRates(ushort ProviderBps, ushort ProjectBps, ushort TreasuryBps);
