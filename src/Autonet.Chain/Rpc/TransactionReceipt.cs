using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Chain.Rpc;

/// <summary>A mined transaction's receipt: success flag, gas, the created contract (for deployments) and the logs.</summary>
public sealed record TransactionReceipt(
    Hash32 TransactionHash,
    ulong BlockNumber,
    bool Succeeded,
    BigInteger GasUsed,
    BigInteger EffectiveGasPrice,
    Address? ContractAddress,
    IReadOnlyList<LogEntry> Logs);
