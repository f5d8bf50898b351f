namespace Autonet.Devnet.Network;

/// <summary>One of the run's storage providers: its name (and host), its account on chain and the gateway URL it announced.</summary>
public sealed record StorageProvider(string Name, Autonet.Core.Ids.Address Account, Uri Gateway);
