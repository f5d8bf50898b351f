using Autonet.Core.Ids;

namespace Autonet.Chain.Rpc;

/// <summary>One event log as the node reports it (eth_getLogs, receipts).</summary>
public sealed record LogEntry(Address Address, IReadOnlyList<Hash32> Topics, byte[] Data, ulong BlockNumber, Hash32 TransactionHash, ulong LogIndex);
