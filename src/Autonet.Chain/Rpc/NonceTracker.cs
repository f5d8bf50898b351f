using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Chain.Rpc;

/// <summary>
/// Hands out nonces per sender. Without a journal: the first comes from the node (pending count), later ones are
/// counted locally so back-to-back sends need no round trip; a refused send forgets the cached nonce. With an
/// <see cref="ITransactionJournal"/>: every nonce is chosen under the journal's cross-process lock as the largest of
/// the node's pending count and one past every journaled transaction, the signed bytes are journaled before they are
/// sent, and journaled transactions still unmined are sent again first, so nothing is signed twice for one nonce.
/// </summary>
internal sealed class NonceTracker(ChainClient client) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<Address, BigInteger> _next = [];

    public ITransactionJournal? Journal { get; set; }

    public async Task<T> SendWithNextNonceAsync<T>(Address sender, Func<BigInteger, Task<T>> send, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Journal is { } journal)
            {
                using var held = await journal.LockAsync(sender, cancellationToken).ConfigureAwait(false);
                await client.ResubmitJournaledAsync(journal, sender, cancellationToken).ConfigureAwait(false);
                var chainNext = await client.GetTransactionCountAsync(sender, cancellationToken).ConfigureAwait(false);
                var journalNext = journal.Pending(sender).Select(p => p.Nonce + 1).DefaultIfEmpty(BigInteger.Zero).Max();
                return await send(BigInteger.Max(chainNext, journalNext)).ConfigureAwait(false);
            }
            if (!_next.TryGetValue(sender, out var nonce))
            {
                nonce = await client.GetTransactionCountAsync(sender, cancellationToken).ConfigureAwait(false);
            }
            try
            {
                var result = await send(nonce).ConfigureAwait(false);
                _next[sender] = nonce + 1;
                return result;
            }
            catch (ChainException)
            {
                _next.Remove(sender);
                throw;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Runs <paramref name="body"/> holding this process's and (with a journal) every process's lock on the sender.</summary>
    public async Task<T> HoldAsync<T>(Address sender, Func<Task<T>> body, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var held = Journal is { } journal ? await journal.LockAsync(sender, cancellationToken).ConfigureAwait(false) : null;
            return await body().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Reset()
    {
        _lock.Wait();
        try
        {
            _next.Clear();
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
