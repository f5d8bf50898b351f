// The node's ITransactionJournal: signed transactions in node.db's transactions table (written, synchronous=FULL,
// before they are sent) and the nonce lock as an exclusive OS file lock (flock, which .NET takes for FileShare.None
// on Linux) on <home>/nonce-<address>.lock, so two processes with one key and one home take turns choosing nonces.
// The lock is released by the kernel when a process dies, so a killed node never leaves it held. Every command that
// sends from a home made by `node init` (node run, node check's stake, stake, transfer, …) journals through it
// (Hosting.NodeChain), so a daemon and a command run beside it with the same key take turns.
using System.Globalization;
using System.Numerics;
using Autonet.Chain.Rpc;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Node.State;

/// <summary>Pending transactions in the node's database and a per-sender file lock beside it.</summary>
public sealed class TransactionJournal(NodeDatabase database, string lockDirectory, TimeProvider? time = null) : ITransactionJournal, IDisposable
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private NodeDatabase? _owned;

    /// <summary>The journal of <paramref name="home"/> on a connection of its own to its node.db (disposed with the journal).</summary>
    public static TransactionJournal Open(NodeHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var database = NodeDatabase.Open(home.File("node.db"));
        return new TransactionJournal(database, home.Path) { _owned = database };
    }

    /// <summary>Closes the database connection when <see cref="Open"/> made it; a shared one is its owner's.</summary>
    public void Dispose() => _owned?.Dispose();

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
