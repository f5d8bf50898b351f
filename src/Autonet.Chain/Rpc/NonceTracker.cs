using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Chain.Rpc;

/// <summary>
/// Hands out nonces per sender: the first comes from the node (pending count), later ones are counted locally so
/// back-to-back sends need no round trip. Sends from one sender are serialised; a refused send forgets the cached
/// nonce so the next send asks the node again (e.g. after another process used the same key).
/// </summary>
internal sealed class NonceTracker(ChainClient client) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<Address, BigInteger> _next = [];

    public async Task<T> SendWithNextNonceAsync<T>(Address sender, Func<BigInteger, Task<T>> send, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
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
