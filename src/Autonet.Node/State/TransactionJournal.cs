// The node's ITransactionJournal: signed transactions in node.db's transactions table (written, synchronous=FULL,
// before they are sent) and the nonce lock as an exclusive OS file lock (flock, which .NET takes for FileShare.None
// on Linux) on <home>/nonce-<address>.lock, so two processes with one key and one home take turns choosing nonces.
// The lock is released by the kernel when a process dies, so a killed node never leaves it held.
using System.Globalization;
using System.Numerics;
using Autonet.Chain.Rpc;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Node.State;

/// <summary>Pending transactions in the node's database and a per-sender file lock beside it.</summary>
public sealed class TransactionJournal(NodeDatabase database, string lockDirectory, TimeProvider? time = null) : ITransactionJournal
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc/>
    public async Task<IDisposable> LockAsync(Address sender, CancellationToken cancellationToken)
    {
        var path = Path.Combine(lockDirectory, $"nonce-{sender.ToString().ToLowerInvariant()}.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Held by another process (or another client here): wait our turn. A send holds it for one round trip.
                await Task.Delay(TimeSpan.FromMilliseconds(10), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    public void Record(PendingTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        database.Execute(
            "INSERT OR REPLACE INTO transactions(hash, sender, nonce, raw, recorded) VALUES($hash, $sender, $nonce, $raw, $recorded);",
            ("$hash", transaction.Hash.ToString()), ("$sender", transaction.Sender.ToString()),
            ("$nonce", transaction.Nonce.ToString(CultureInfo.InvariantCulture)), ("$raw", Hex.Encode(transaction.Raw)),
            ("$recorded", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
    }

    /// <inheritdoc/>
    public void Forget(Hash32 hash) => database.Execute("DELETE FROM transactions WHERE hash = $hash;", ("$hash", hash.ToString()));

    /// <inheritdoc/>
    public IReadOnlyList<PendingTransaction> Pending(Address sender) =>
        database.Query("SELECT hash, nonce, raw FROM transactions WHERE sender = $sender;", ("$sender", sender.ToString()))
            .Select(row => new PendingTransaction(sender, BigInteger.Parse(row[1], CultureInfo.InvariantCulture), Hash32.Parse(row[0]), Hex.Decode(row[2])))
            .OrderBy(p => p.Nonce)
            .ToList();

    /// <summary>Every pending transaction of every sender (for `node status` and /metrics).</summary>
    public int Count() => int.Parse(database.Query("SELECT count(*) FROM transactions;")[0][0], CultureInfo.InvariantCulture);
}
