using Autonet.Chain.Rpc;
using Autonet.Chain.Tests.Anvil;

namespace Autonet.Chain.Tests.Rpc;

/// <summary>
/// JsonRpcClient against a real server that stalls, drops, answers 503 or too much, in front of a real anvil:
/// a transport failure is retried until the attempts run out, then named; an answer (error, oversized) is not retried.
/// </summary>
public class RpcRobustnessTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly RpcPolicy Quick = new() { Timeout = TimeSpan.FromMilliseconds(300), Attempts = 3, FirstBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(40) };

    [Theory]
    [InlineData(Misbehaviour.Drop)]
    [InlineData(Misbehaviour.Stall)]
    [InlineData(Misbehaviour.Unavailable)]
    [InlineData(Misbehaviour.StallAfterHeaders)]
    public async Task CallAsync_TransportFailureThenAnvil_RetriesAndAnswers(Misbehaviour failure)
    {
        using var server = new MisbehavingServer([failure, failure, Misbehaviour.Forward], anvil.Chain.Endpoint);
        using var client = new JsonRpcClient(server.Endpoint, policy: Quick);
        var result = await client.CallAsync("eth_chainId", [], CancellationToken.None);
        Assert.Equal("0x7a69", result.GetString()); // 31337, from anvil through the third connection
        Assert.Equal(3, server.Connections);
    }

    [Theory]
    [InlineData(Misbehaviour.Drop, "cannot reach")]
    [InlineData(Misbehaviour.Stall, "did not answer within 0.3 s")]
    [InlineData(Misbehaviour.Unavailable, "answered HTTP 503")]
    [InlineData(Misbehaviour.StallAfterHeaders, "did not answer within 0.3 s")]
    public async Task CallAsync_TransportFailureEveryTime_GivesUpNamingEndpointAndAttempts(Misbehaviour failure, string expected)
    {
        using var server = new MisbehavingServer([failure]);
        using var client = new JsonRpcClient(server.Endpoint, policy: Quick);
        var error = await Assert.ThrowsAsync<ChainException>(() => client.CallAsync("eth_blockNumber", [], CancellationToken.None));
        Assert.True(error.IsTransport);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("eth_blockNumber", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(gave up after 3 attempts)", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Connections);
    }

    [Fact]
    public async Task CallAsync_ErrorReply_IsNotRetried()
    {
        using var server = new MisbehavingServer([Misbehaviour.Canned], canned: "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":3,\"message\":\"execution reverted\",\"data\":\"0x\"}}");
        using var client = new JsonRpcClient(server.Endpoint, policy: Quick);
        var error = await Assert.ThrowsAsync<ChainException>(() => client.CallAsync("eth_call", [], CancellationToken.None));
        Assert.False(error.IsTransport);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task CallAsync_OversizedReply_RefusedOnceNamingLimit()
    {
        using var server = new MisbehavingServer([Misbehaviour.Oversized]);
        using var client = new JsonRpcClient(server.Endpoint, maxReplyBytes: 100_000, policy: Quick);
        var error = await Assert.ThrowsAsync<ChainException>(() => client.CallAsync("eth_getLogs", [], CancellationToken.None));
        Assert.False(error.IsTransport);
        Assert.Contains("longer than the 100000 bytes allowed", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task CallAsync_CallerCancels_StopsWithoutRetrying()
    {
        using var server = new MisbehavingServer([Misbehaviour.Stall]);
        using var client = new JsonRpcClient(server.Endpoint, policy: Quick with { Timeout = TimeSpan.FromSeconds(60) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CallAsync("eth_blockNumber", [], cancel.Token));
        Assert.Equal(1, server.Connections);
    }

    [Theory]
    [InlineData(Misbehaviour.Drop, 10)]            // anvil never saw the first send
    [InlineData(Misbehaviour.ForwardThenDrop, 11)] // anvil took the first send; the retry is "already imported", read as sent
    public async Task SendAsync_SendDroppedOnce_TransactionMinedOnce(Misbehaviour failure, int account)
    {
        // Connections: fee block, priority fee, nonce, then the send, which fails once.
        var key = anvil.Chain.DevKeys[account];
        using var server = new MisbehavingServer([.. Enumerable.Repeat(Misbehaviour.Forward, 3), failure, Misbehaviour.Forward], anvil.Chain.Endpoint);
        using var client = new ChainClient(new JsonRpcClient(server.Endpoint, policy: Quick), 31337);
        var before = await anvil.Client.GetTransactionCountAsync(key.Address, CancellationToken.None);
        var receipt = await client.SendAsync(key, Crypto.SigningKey.Generate().Address, [], 1, CancellationToken.None, gasLimit: 21_000);
        Assert.True(receipt.Succeeded);
        Assert.Equal(before + 1, await anvil.Client.GetTransactionCountAsync(key.Address, CancellationToken.None));
    }
}
