// Where a sender's signed transactions are written before they are sent, so a restarted process can send the same
// bytes again (same nonce, same hash) instead of signing a second transaction, and where processes that share a key
// take turns choosing nonces. Autonet.Node keeps it in the node's SQLite state with an OS file lock in the home.
using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Chain.Rpc;

/// <summary>A durable log of sent-but-unconfirmed transactions and a cross-process lock per sender.</summary>
public interface ITransactionJournal
{
    /// <summary>Waits for, then holds, the exclusive right to pick <paramref name="sender"/>'s next nonce, across processes, until disposed.</summary>
    Task<IDisposable> LockAsync(Address sender, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="transaction"/> durably; called before it is sent.</summary>
    void Record(PendingTransaction transaction);

    /// <summary>Drops the transaction: it was mined, refused, or its nonce was taken by another.</summary>
    void Forget(Hash32 hash);

    /// <summary>The sender's recorded transactions, lowest nonce first.</summary>
    IReadOnlyList<PendingTransaction> Pending(Address sender);
}

/// <summary>A signed transaction as it was (or is about to be) sent.</summary>
public sealed record PendingTransaction(Address Sender, BigInteger Nonce, Hash32 Hash, byte[] Raw);
