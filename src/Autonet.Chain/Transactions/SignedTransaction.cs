using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Transactions;

/// <summary>The raw bytes of a signed transaction, ready for eth_sendRawTransaction, and its hash (keccak256 of the bytes).</summary>
public sealed record SignedTransaction(byte[] Raw)
{
    /// <summary>keccak256 of the raw bytes: the id the node reports.</summary>
    public Hash32 Hash { get; } = Keccak256.Hash(Raw);
}
