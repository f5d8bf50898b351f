using System.Numerics;
using Autonet.Chain.Abi;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Chain.Transactions;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Chain.Tests.Anvil;

/// <summary>ChainClient against a real anvil: sends, nonces, chain id, and anvil's own signer as an oracle for ours.</summary>
public class ChainClientTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ConnectAsync_WrongChainId_ThrowsNamingBoth()
    {
        var error = await Assert.ThrowsAsync<ChainException>(() => ChainClient.ConnectAsync(anvil.Chain.Endpoint, 1, None));
        Assert.Contains("reports chain id 31337, expected 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_NoNode_ThrowsCannotReach()
    {
        var error = await Assert.ThrowsAsync<ChainException>(() => ChainClient.ConnectAsync(new Uri("http://127.0.0.1:1"), null, None));
        Assert.Contains("eth_chainId: cannot reach", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ThreeTransfersBackToBack_NoncesAdvanceAndBalancesMove()
    {
        var from = anvil.Chain.DevKeys[10];
        var to = SigningKey.Generate().Address;
        var nonceBefore = await anvil.Client.GetTransactionCountAsync(from.Address, None);
        var sends = Enumerable.Range(1, 3).Select(i => anvil.Client.SendAsync(from, to, [], i * 1000, None)).ToList();
        var receipts = await Task.WhenAll(sends);
        Assert.All(receipts, r => Assert.True(r.Succeeded));
        Assert.Equal(new BigInteger(6000), await anvil.Client.GetBalanceAsync(to, None));
        Assert.Equal(nonceBefore + 3, await anvil.Client.GetTransactionCountAsync(from.Address, None));
        Assert.All(receipts, r => Assert.Equal(new BigInteger(21000), r.GasUsed));
    }

    [Fact]
    public async Task Sign_Eip1559_MatchesAnvilsOwnSigner()
    {
        // anvil signs for its unlocked dev accounts with RFC 6979 too, so the raw bytes must be identical.
        var key = anvil.Chain.DevKeys[0];
        var transaction = new Eip1559Transaction(31337, 7, 2_000_000_000, 50_000_000_000, 90_000, Address.Parse("0x3535353535353535353535353535353535353535"), 12345, [0xde, 0xad, 0xbe, 0xef]);
        var request = new Dictionary<string, object?>
        {
            ["from"] = key.Address.ToString(),
            ["to"] = "0x3535353535353535353535353535353535353535",
            ["nonce"] = "0x7",
            ["gas"] = Quantity.Format(90_000),
            ["maxFeePerGas"] = Quantity.Format(50_000_000_000),
            ["maxPriorityFeePerGas"] = Quantity.Format(2_000_000_000),
            ["value"] = Quantity.Format(12345),
            ["input"] = "0xdeadbeef",
            ["chainId"] = "0x7a69",
            ["type"] = "0x2",
        };
        var theirs = await anvil.Client.Rpc.CallAsync("eth_signTransaction", [request], None);
        var ours = transaction.Sign(key);
        Assert.Equal(theirs.GetString(), Hex.Encode(ours.Raw));
        var (decoded, sender) = Eip1559Transaction.Decode(ours.Raw);
        Assert.Equal(key.Address, sender);
        Assert.Equal(transaction.Value, decoded.Value);
    }

    [Fact]
    public async Task PersonalSign_MatchesAnvilsEthSign()
    {
        var key = anvil.Chain.DevKeys[1];
        var message = "autonet: proof of key"u8.ToArray();
        var theirs = await anvil.Client.Rpc.CallAsync("eth_sign", [key.Address.ToString(), Hex.Encode(message)], None);
        Assert.Equal(theirs.GetString(), Hex.Encode(PersonalMessage.Sign(message, key)));
    }

    [Fact]
    public async Task CallAsync_RevertingCreateCode_ThrowsDecodedErrorString()
    {
        // Init code that reverts with Error("no"): stores the ABI encoding in memory and reverts with it.
        var revertData = AbiError.ErrorString.Encode("no");
        var code = RevertingInitCode(revertData);
        var error = await Assert.ThrowsAsync<ChainException>(() => anvil.Client.SendAsync(anvil.Chain.DevKeys[2], null, code, 0, None));
        Assert.Equal("Error", error.Revert?.Name);
        Assert.Equal("no", error.Revert?.Values[0]);
        Assert.Contains("Error(\"no\")", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_UnknownRevertData_ThrowsWithRawData()
    {
        var code = RevertingInitCode([0xca, 0xfe, 0xba, 0xbe, 0x01]);
        var error = await Assert.ThrowsAsync<ChainException>(() => anvil.Client.SendAsync(anvil.Chain.DevKeys[2], null, code, 0, None));
        Assert.False(error.Revert?.IsKnown);
        Assert.Contains("unknown revert data 0xcafebabe01", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ExplicitGasOnReverting_ThrowsAfterMiningWithReason()
    {
        // With a fixed gas limit nothing is estimated, so the revert is found on the mined receipt and replayed.
        var code = RevertingInitCode(AbiError.Panic.Encode(new BigInteger(0x11)));
        var error = await Assert.ThrowsAsync<ChainException>(() => anvil.Client.SendAsync(anvil.Chain.DevKeys[3], null, code, 0, None, gasLimit: 100_000));
        Assert.True(error.Message.Contains("reverted in block", StringComparison.Ordinal), error.Message);
        Assert.True(error.Revert is not null, error.Message);
        Assert.Equal("Panic", error.Revert?.Name);
        Assert.Equal(new BigInteger(0x11), error.Revert?.Values[0]);
    }

    [Fact]
    public async Task GetLogsAsync_NoLogs_ReturnsEmpty()
    {
        var logs = await anvil.Client.GetLogsAsync(new LogFilter(Address: SigningKey.Generate().Address), None);
        Assert.Empty(logs);
    }

    [Fact]
    public async Task Rpc_UnknownMethod_ThrowsWithCode()
    {
        var error = await Assert.ThrowsAsync<ChainException>(() => anvil.Client.Rpc.CallAsync("eth_noSuchMethod", [], None));
        Assert.NotNull(error.RpcCode);
        Assert.Contains("eth_noSuchMethod", error.Message, StringComparison.Ordinal);
    }

    /// <summary>EVM init code: CODECOPY the payload to memory 0 and REVERT with it.</summary>
    private static byte[] RevertingInitCode(byte[] payload)
    {
        // PUSH2 len, PUSH1 offset(=14), PUSH1 0, CODECOPY, PUSH2 len, PUSH1 0, REVERT, then the payload.
        byte hi = (byte)(payload.Length >> 8), lo = (byte)payload.Length;
        byte[] prefix = [0x61, hi, lo, 0x60, 14, 0x60, 0x00, 0x39, 0x61, hi, lo, 0x60, 0x00, 0xfd];
        return [.. prefix, .. payload];
    }
}
