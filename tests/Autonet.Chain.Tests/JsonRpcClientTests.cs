using System.Net;
using System.Net.Sockets;
using System.Text;
using Autonet.Chain.Abi;
using Autonet.Chain.Rpc;

namespace Autonet.Chain.Tests;

/// <summary>Malformed and error replies, parsed directly and through a real HTTP server that answers badly.</summary>
public class JsonRpcClientTests
{
    private static readonly RevertDecoder Reverts = new([new AbiError("StakeLocked", [new AbiParameter("unlockAt", AbiType.Parse("uint64"))])]);

    [Theory]
    [InlineData("not json at all", "reply is not JSON")]
    [InlineData("[1,2]", "not an object")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":\"0x1\"}", "does not match request id 7")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":7}", "neither result nor error")]
    [InlineData("", "reply is not JSON")]
    public void ParseReply_Malformed_ThrowsNamingMethodAndProblem(string reply, string expected)
    {
        var error = Assert.Throws<ChainException>(() => JsonRpcClient.ParseReply("eth_blockNumber", 7, reply, Reverts));
        Assert.StartsWith("JSON-RPC eth_blockNumber:", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\":7,\"error\":{\"code\":\"exeted\",\"data\":\"0x0\"}}")]                         // found by the rpcreply fuzz target
    [InlineData("{\"id\":7,\"error\":{\"code\":-32000,\"message\":\"n\",\"data\":{\"data\":-32000}}}")] // found by the rpcreply fuzz target
    [InlineData("{\"id\":7,\"error\":5}")]
    [InlineData("{\"id\":99999999999999999999999,\"result\":1}")]
    [InlineData("{\"id\":\"7\",\"result\":1}")]
    public void ParseReply_MembersOfWrongKind_ThrowsChainExceptionOnly(string reply) =>
        Assert.Throws<ChainException>(() => JsonRpcClient.ParseReply("eth_call", 7, reply, Reverts));

    [Fact]
    public void ParseReply_ErrorWithCustomRevert_DecodesNameAndValues()
    {
        var data = Autonet.Core.Codecs.Hex.Encode(new AbiError("StakeLocked", [new AbiParameter("unlockAt", AbiType.Parse("uint64"))]).Encode(1234));
        var reply = $"{{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{{\"code\":3,\"message\":\"execution reverted\",\"data\":\"{data}\"}}}}";
        var error = Assert.Throws<ChainException>(() => JsonRpcClient.ParseReply("eth_call", 7, reply, Reverts));
        Assert.Equal(3, error.RpcCode);
        Assert.Equal("StakeLocked", error.Revert?.Name);
        Assert.Contains("reverted: StakeLocked(1234)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseReply_ErrorWithoutData_KeepsCodeAndMessage()
    {
        var reply = "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32000,\"message\":\"nonce too low\"}}";
        var error = Assert.Throws<ChainException>(() => JsonRpcClient.ParseReply("eth_sendRawTransaction", 7, reply, Reverts));
        Assert.Equal(-32000, error.RpcCode);
        Assert.Null(error.Revert);
        Assert.Contains("nonce too low", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChainClient_ResultOfWrongShape_ThrowsNamingMethod()
    {
        using var server = new CannedServer("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"banana\"}");
        var error = await Assert.ThrowsAsync<ChainException>(() => ChainClient.ConnectAsync(server.Endpoint, null, CancellationToken.None));
        Assert.Equal("JSON-RPC eth_chainId: result is not a hex quantity: banana", error.Message);
    }

    [Fact]
    public async Task CallAsync_HtmlErrorPage_ThrowsNotJson()
    {
        using var server = new CannedServer("<html>502 Bad Gateway</html>");
        using var client = new JsonRpcClient(server.Endpoint);
        var error = await Assert.ThrowsAsync<ChainException>(() => client.CallAsync("eth_getBalance", [], CancellationToken.None));
        Assert.Contains("eth_getBalance: reply is not JSON: <html>", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "bytes, more than the 100000 allowed")]
    [InlineData(false, "reply is longer than the 100000 bytes allowed")]
    public async Task CallAsync_ReplyOverLimit_ThrowsNamingLimit(bool declareLength, string expected)
    {
        using var server = new CannedServer($"{{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x{new string('0', 200_000)}\"}}", declareLength);
        using var client = new JsonRpcClient(server.Endpoint, maxReplyBytes: 100_000);
        var error = await Assert.ThrowsAsync<ChainException>(() => client.CallAsync("eth_getLogs", [], CancellationToken.None));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_ReplyWithoutContentLength_Reads()
    {
        using var server = new CannedServer("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}", declareLength: false);
        using var client = new JsonRpcClient(server.Endpoint);
        Assert.Equal("0x1", (await client.CallAsync("eth_blockNumber", [], CancellationToken.None)).GetString());
    }

    /// <summary>A one-connection-at-a-time HTTP server on a free loopback port that answers every request with the same body.</summary>
    private sealed class CannedServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        private readonly bool _declareLength;

        public CannedServer(string body, bool declareLength = true)
        {
            _declareLength = declareLength;
            _listener.Start();
            Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _ = ServeAsync(Encoding.UTF8.GetBytes(body));
        }

        public Uri Endpoint { get; }

        private async Task ServeAsync(byte[] body)
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var socket = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = socket.GetStream();
                    var buffer = new byte[65536];
                    var read = 0;
                    // Read headers, then the Content-Length body.
                    while (true)
                    {
                        read += await stream.ReadAsync(buffer.AsMemory(read), _stop.Token);
                        var text = Encoding.ASCII.GetString(buffer, 0, read);
                        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                        if (end < 0)
                        {
                            continue;
                        }
                        var lengthLine = text.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                        var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                        if (read >= end + 4 + length)
                        {
                            break;
                        }
                    }
                    var lengthHeader = _declareLength ? $"Content-Length: {body.Length}\r\n" : "";
                    var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{lengthHeader}Connection: close\r\n\r\n");
                    await stream.WriteAsync(head, _stop.Token);
                    await stream.WriteAsync(body, _stop.Token);
                    socket.Client.Shutdown(SocketShutdown.Send); // with no Content-Length, the end of the body is the close
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
