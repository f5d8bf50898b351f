using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;
using Autonet.Chain.Transactions;
using Autonet.Core.Ids;
using Autonet.Node.State;
using Microsoft.Data.Sqlite;

namespace Autonet.Node.Tests.State;

/// <summary>
/// The nonce journal against a real anvil: two clients with one key and one home never reuse a nonce, and a client
/// started again sends what an earlier one journaled with the same nonce and bytes, whether or not it reached the node.
/// </summary>
public sealed class TransactionJournalTests : IAsyncLifetime, IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _home = Directory.CreateTempSubdirectory("journal-").FullName;
    private DevChain? _chain;

    private DevChain Chain => _chain ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync() => _chain = await DevChain.StartAsync(new DevChainOptions { Accounts = 3 }, None);

    public async Task DisposeAsync()
    {
        if (_chain is not null)
        {
            await _chain.DisposeAsync();
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public void Record_ReopenedDatabase_StillPendingLowestNonceFirst()
    {
        var sender = SigningKey.Generate().Address;
        using (var database = NodeDatabase.Open(Path.Combine(_home, "node.db")))
        {
            var journal = new TransactionJournal(database, _home);
            journal.Record(new PendingTransaction(sender, 7, H(7), [0x02, 7]));
            journal.Record(new PendingTransaction(sender, 5, H(5), [0x02, 5]));
            journal.Record(new PendingTransaction(SigningKey.Generate().Address, 1, H(1), [1]));
        }
        using var reopened = NodeDatabase.Open(Path.Combine(_home, "node.db"));
        var again = new TransactionJournal(reopened, _home);
        Assert.Equal([5, 7], again.Pending(sender).Select(p => (int)p.Nonce));
        Assert.Equal(new byte[] { 0x02, 5 }, again.Pending(sender)[0].Raw);
        again.Forget(H(5));
        Assert.Equal([7], again.Pending(sender).Select(p => (int)p.Nonce));
        Assert.Equal(2, again.Count());
    }

    [Fact]
    public async Task LockAsync_HeldByAnotherHandle_WaitsUntilReleased()
    {
        using var database = NodeDatabase.Open(Path.Combine(_home, "node.db"));
        var sender = SigningKey.Generate().Address;
        var first = new TransactionJournal(database, _home);
        var second = new TransactionJournal(database, _home);
        var held = await first.LockAsync(sender, None);
        var waiting = second.LockAsync(sender, None);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted); // an OS file lock: another handle (another process) waits
        held.Dispose();
        (await waiting).Dispose();
    }

    [Fact]
    public async Task SendAsync_TwoClientsOneKeyOneHome_EveryTransactionMinedWithDistinctNonces()
    {
        var key = Chain.DevKeys[1];
        var before = await Count(key.Address, "latest");
        using var databaseA = NodeDatabase.Open(Path.Combine(_home, "node.db"));
        using var databaseB = NodeDatabase.Open(Path.Combine(_home, "node.db")); // a second connection, as a second process has
        using var clientA = await Connect(new TransactionJournal(databaseA, _home));
        using var clientB = await Connect(new TransactionJournal(databaseB, _home));
        var to = SigningKey.Generate().Address;
        var sends = Enumerable.Range(0, 8).SelectMany(_ => new[] { clientA, clientB }).Select(c => c.SendAsync(key, to, [], 1, None, gasLimit: 21_000)).ToList();
        var receipts = await Task.WhenAll(sends);
        Assert.All(receipts, r => Assert.True(r.Succeeded));
        Assert.Equal(before + 16, await Count(key.Address, "latest"));
        Assert.Equal(new BigInteger(16), await clientA.GetBalanceAsync(to, None));
        Assert.Empty(new TransactionJournal(databaseA, _home).Pending(key.Address)); // mined ones are forgotten
    }

    [Fact]
    public async Task ResumePendingAsync_JournaledButNeverSent_SendsSameBytesAndNonce()
    {
        // A crash between the journal's write and the send: the node never saw the transaction.
        var key = Chain.DevKeys[2];
        using var database = NodeDatabase.Open(Path.Combine(_home, "node.db"));
        var journal = new TransactionJournal(database, _home);
        using var client = await Connect(journal);
        var nonce = await Count(key.Address, "pending");
        var signed = await SignTransferAsync(client, key, nonce);
        journal.Record(new PendingTransaction(key.Address, nonce, signed.Hash, signed.Raw));

        using var restarted = await Connect(new TransactionJournal(database, _home));
        var receipts = await restarted.ResumePendingAsync(key.Address, None);
        Assert.Equal(signed.Hash, Assert.Single(receipts).TransactionHash);
        Assert.Equal(nonce + 1, await Count(key.Address, "latest"));
        Assert.Empty(journal.Pending(key.Address));
    }

    [Fact]
    public async Task ResumePendingAsync_SentButNotMinedBeforeRestart_WaitsForTheSameTransaction()
    {
        // A crash after the send while the transaction sat in the pool: the restarted node sends it again (already
        // imported) and waits for it; then its next send takes the next nonce.
        var key = Chain.DevKeys[0];
        using var database = NodeDatabase.Open(Path.Combine(_home, "node.db"));
        using var client = await Connect(new TransactionJournal(database, _home));
        await client.Rpc.CallAsync("evm_setAutomine", [false], None);
        var nonce = await Count(key.Address, "latest");
        var signed = await SignTransferAsync(client, key, nonce);
        new TransactionJournal(database, _home).Record(new PendingTransaction(key.Address, nonce, signed.Hash, signed.Raw));
        await client.SendRawTransactionAsync(signed, None);

        using var restarted = await Connect(new TransactionJournal(database, _home));
        var resuming = restarted.ResumePendingAsync(key.Address, None);
        await Task.Delay(100);
        await client.Rpc.CallAsync("evm_mine", [], None);
        Assert.Equal(signed.Hash, Assert.Single(await resuming).TransactionHash);
        await client.Rpc.CallAsync("evm_setAutomine", [true], None);
        var next = await restarted.SendAsync(key, SigningKey.Generate().Address, [], 1, None, gasLimit: 21_000);
        Assert.True(next.Succeeded);
        Assert.Equal(nonce + 2, await Count(key.Address, "latest"));
    }

    private async Task<ChainClient> Connect(ITransactionJournal journal)
    {
        var client = await Chain.ConnectAsync(None);
        client.Journal = journal;
        return client;
    }

    private async Task<BigInteger> Count(Address account, string block)
    {
        using var reader = await Chain.ConnectAsync(None);
        return block == "latest" ? await reader.GetMinedTransactionCountAsync(account, None) : await reader.GetTransactionCountAsync(account, None);
    }

    private static Hash32 H(byte value)
    {
        var bytes = new byte[32];
        bytes[0] = value;
        return new Hash32(bytes);
    }

    private static async Task<SignedTransaction> SignTransferAsync(ChainClient client, SigningKey key, BigInteger nonce)
    {
        var (maxFee, priority) = await client.GetFeesAsync(None);
        return new Eip1559Transaction(client.ChainId, nonce, priority, maxFee, 21_000, SigningKey.Generate().Address, 1, []).Sign(key);
    }
}
