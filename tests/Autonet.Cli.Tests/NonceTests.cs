// Issue 14, nonces with one key in several processes, as a user runs them: a command killed while its transaction sat
// unmined, and the chain then losing it (dropped from the pool), leaves it journaled in node.db; the next command from
// that home sends it again first, same bytes and nonce, then its own with the next nonce. Several commands sending
// from one home at once each take a nonce of their own under the home's nonce lock, none signed twice.
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;
using Autonet.Node.State;

namespace Autonet.Cli.Tests;

public sealed class NonceTests : IAsyncLifetime, IDisposable
{
    private static readonly BigInteger Wei = BigInteger.Pow(10, 18);
    private readonly string _chainHome = CliProcess.NewHome();
    private readonly string _node = CliProcess.NewHome();
    private readonly Dictionary<string, string> _passphrase = new() { ["AUTONET_PASSPHRASE"] = "nonce test passphrase" };
    private Process? _chain;
    private ChainClient? _client;
    private Address _address;

    private ChainClient Client => _client ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync()
    {
        var port = CliProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        _chain = CliProcess.Start(_passphrase, "--home", _chainHome, "--json", "chain", "up", "--port", port);
        using var up = JsonDocument.Parse(await CliProcess.ReadLineAsync(_chain));
        var rpc = up.RootElement.GetProperty("rpc").GetString()!;
        var registry = up.RootElement.GetProperty("registry").GetString()!;
        var init = await Run("--home", _node, "--json", "node", "init", "--role", "solver", "--rpc", rpc, "--registry", registry, "--light-kdf");
        Assert.True(init.Code == 0, init.ToString());
        using (var made = JsonDocument.Parse(init.Stdout))
        {
            _address = Address.Parse(made.RootElement.GetProperty("address").GetString()!);
        }
        var faucet = await Run("--home", _node, "faucet");
        Assert.True(faucet.Code == 0, faucet.ToString());
        _client = await ChainClient.ConnectAsync(new Uri(rpc), null, CancellationToken.None);
    }

    [Fact]
    public async Task Transfer_KilledWithItsTransactionPendingThenDropped_NextCommandResendsItWithItsNonce()
    {
        var nonce = await Client.GetMinedTransactionCountAsync(_address, CancellationToken.None);
        await Client.Rpc.CallAsync("evm_setAutomine", [false], CancellationToken.None);
        var (first, second) = (Fresh(), Fresh());
        using (var killed = CliProcess.Start(_passphrase, "--home", _node, "transfer", "--to", first.ToString(), "--eth", "0.5"))
        {
            var journaled = await PendingAsync(1, killed);
            Assert.Equal(nonce, journaled[0].Nonce);
            killed.Kill(entireProcessTree: true); // waiting for a receipt that never comes
            await killed.WaitForExitAsync();
        }
        var lost = Pending()[0];
        await Client.Rpc.CallAsync("anvil_dropTransaction", [lost.Hash.ToString()], CancellationToken.None); // the chain forgot it
        await Client.Rpc.CallAsync("evm_setAutomine", [true], CancellationToken.None);

        var next = await Run("--home", _node, "transfer", "--to", second.ToString(), "--eth", "0.25");

        Assert.True(next.Code == 0, next.ToString());
        var resent = await Client.GetReceiptAsync(lost.Hash, CancellationToken.None);
        Assert.True(resent is { Succeeded: true }, $"the journaled transaction {lost.Hash} was not mined again");
        Assert.Equal(nonce, await NonceOfAsync(lost.Hash)); // same bytes, so same hash and nonce
        Assert.Equal(Wei / 2, await Client.GetBalanceAsync(first, CancellationToken.None));
        Assert.Equal(Wei / 4, await Client.GetBalanceAsync(second, CancellationToken.None));
        Assert.Equal(nonce + 2, await Client.GetMinedTransactionCountAsync(_address, CancellationToken.None));
        Assert.Empty(Pending());
    }

    [Fact]
    public async Task Transfer_FourProcessesOneHomeAtOnce_EachMinedWithANonceOfItsOwn()
    {
        var nonce = await Client.GetMinedTransactionCountAsync(_address, CancellationToken.None);
        await Client.Rpc.CallAsync("evm_setAutomine", [false], CancellationToken.None);
        var receivers = Enumerable.Range(0, 4).Select(_ => Fresh()).ToList();
        var runs = receivers.Select(to => Run("--home", _node, "transfer", "--to", to.ToString(), "--eth", "0.1")).ToList();

        var journaled = await PendingAsync(4, null); // all four signed and sent, none mined
        await Client.Rpc.CallAsync("evm_mine", [], CancellationToken.None);
        var results = await Task.WhenAll(runs);
        await Client.Rpc.CallAsync("evm_setAutomine", [true], CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Code == 0, r.ToString()));
        Assert.Equal(Enumerable.Range(0, 4).Select(i => nonce + i), journaled.Select(p => p.Nonce).Order());
        foreach (var to in receivers)
        {
            Assert.Equal(Wei / 10, await Client.GetBalanceAsync(to, CancellationToken.None));
        }
        Assert.Equal(nonce + 4, await Client.GetMinedTransactionCountAsync(_address, CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_chain is not null)
        {
            await CliProcess.InterruptAsync(_chain);
            _chain.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var home in new[] { _chainHome, _node })
        {
            if (Directory.Exists(home))
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }

    private static Address Fresh()
    {
        using var key = SigningKey.Generate();
        return key.Address;
    }

    private Task<CliResult> Run(params string[] arguments) => CliProcess.RunAsync(_passphrase, arguments);

    // The node's journaled (signed, unmined) transactions, read from its node.db as any process may.
    private List<PendingTransaction> Pending()
    {
        using var database = NodeDatabase.Open(Path.Combine(_node, "node.db"));
        return [.. new TransactionJournal(database, _node).Pending(_address)];
    }

    // Waits until count transactions are journaled and in the chain's pool (a command exiting early fails the wait).
    private async Task<List<PendingTransaction>> PendingAsync(int count, Process? process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var pending = Pending();
            if (pending.Count >= count && await AllKnownAsync(pending))
            {
                return pending;
            }
            Assert.False(process?.HasExited ?? false, "the command exited before its transaction was pending");
            await Task.Delay(100, timeout.Token);
        }
    }

    private async Task<bool> AllKnownAsync(List<PendingTransaction> pending)
    {
        foreach (var transaction in pending)
        {
            var found = await Client.Rpc.CallAsync("eth_getTransactionByHash", [transaction.Hash.ToString()], CancellationToken.None);
            if (found.ValueKind == JsonValueKind.Null)
            {
                return false;
            }
        }
        return true;
    }

    private async Task<BigInteger> NonceOfAsync(Hash32 hash)
    {
        var found = await Client.Rpc.CallAsync("eth_getTransactionByHash", [hash.ToString()], CancellationToken.None);
        Assert.True(Quantity.TryParse(found.GetProperty("nonce").GetString(), out var nonce));
        return nonce;
    }
}
