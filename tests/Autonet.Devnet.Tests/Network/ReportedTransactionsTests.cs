using System.Globalization;
using Autonet.Chain.Contracts;
using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;
using Autonet.Devnet.Network;
using Autonet.Node.Adapters;

namespace Autonet.Devnet.Tests.Network;

/// <summary>
/// On a real anvil with the real token: a node's transaction whose daemon line comes late is waited for, one that
/// never comes is named, and nobody else's is looked for. Before this check the observer took the report's
/// transactions as soon as the chain showed the last task settled and claimed, so a line still in the pipe (the last
/// round's settleModel, on a loaded machine) was missing from the report.
/// </summary>
public sealed class ReportedTransactionsTests
{
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task AwaitAsync_OneLineLateOneNever_WaitsForTheLateAndNamesTheOther()
    {
        await using var chain = await DevChain.StartAsync(new DevChainOptions(), None);
        using var client = await chain.ConnectAsync(None);
        var (admin, node, stranger) = (chain.DevKeys[0], chain.DevKeys[1], chain.DevKeys[2]);
        var system = await AutonetSystem.DeployAsync(client, admin, CompiledContract.FindOutDirectory(), new SystemOptions(), None);
        await system.Token.TransferAsync(admin, node.Address, Atn.Units(10), None);
        await system.Token.TransferAsync(admin, stranger.Address, Atn.Units(10), None);
        var from = await client.GetBlockNumberAsync(None) + 1;
        var prompt = await system.Token.TransferAsync(node, stranger.Address, 1, None);
        var late = await system.Token.TransferAsync(node, stranger.Address, 2, None);
        var never = await system.Token.TransferAsync(node, stranger.Address, 3, None);
        await system.Token.TransferAsync(stranger, node.Address, 4, None); // not a node's: never waited for

        var reported = new List<TxRecord> { Line(node.Address, prompt) };
        var reads = 0;
        IReadOnlyList<TxRecord> Reported()
        {
            if (++reads == 3)
            {
                reported.Add(Line(node.Address, late)); // the daemon's line arrives while the run waits
            }
            return [.. reported];
        }
        var ledger = new ReportedTransactions(client, [system.Token.Address], new HashSet<Address> { node.Address }, Reported);

        var first = await ledger.FindAsync(from, None); // what the run's report missed: the chain already has both
        Assert.Equal([late.TransactionHash, never.TransactionHash], first.Select(m => m.Hash));
        var left = await ledger.AwaitAsync(from, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20), None);
        var missing = Assert.Single(left);
        Assert.Equal((never.TransactionHash, node.Address, never.BlockNumber), (missing.Hash, missing.From, missing.Block));
        Assert.True(reads >= 3, $"read the daemons' lines {reads} times");
    }

    [Fact]
    public async Task GetTransactionSenderAsync_UnknownHash_Null()
    {
        await using var chain = await DevChain.StartAsync(new DevChainOptions(), None);
        using var client = await chain.ConnectAsync(None);
        Assert.Null(await client.GetTransactionSenderAsync(Hash32.Parse("0x" + new string('a', 64)), None));
    }

    private static TxRecord Line(Address from, TransactionReceipt receipt) =>
        new(from, "transfer", 0, receipt.TransactionHash, receipt.BlockNumber, receipt.GasUsed.ToString(CultureInfo.InvariantCulture));
}
