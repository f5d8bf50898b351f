using System.Net;
using System.Net.Sockets;
using System.Text;
using Autonet.Core.Ids;
using Autonet.Storage.Blobs;

namespace Autonet.Storage.Tests.Blobs;

/// <summary>
/// HttpBlobStore against a hand-written HTTP/1.1 server on a real socket that drops, stalls or fails chosen
/// connections: a dropped connection or a 5xx is retried, a 404 is not, and a gateway that never answers ends in a
/// TimeoutException instead of a hang.
/// </summary>
public sealed class HttpBlobStoreRetryTests : IDisposable
{
    private static readonly byte[] Blob = Encoding.ASCII.GetBytes("a shard that crosses a flaky link");
    private readonly HttpClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ReadAsync_FirstConnectionDropped_RetriesAndReturnsBytes()
    {
        await using var server = FlakyServer.Start(attempt => attempt == 1 ? Answer.Drop : Answer.Blob);
        var store = new HttpBlobStore(_client, server.Address, retry: Fast(attempts: 3));
        Assert.Equal(Blob, await store.ReadAsync(ContentId.Of(Blob), 1 << 20, CancellationToken.None));
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task ReadAsync_ServerErrorsThenAnswers_Retries()
    {
        await using var server = FlakyServer.Start(attempt => attempt < 3 ? Answer.ServerError : Answer.Blob);
        var store = new HttpBlobStore(_client, server.Address, retry: Fast(attempts: 3));
        Assert.Equal(Blob, await store.ReadAsync(ContentId.Of(Blob), 1 << 20, CancellationToken.None));
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task ReadAsync_NotFound_IsNotRetried()
    {
        await using var server = FlakyServer.Start(_ => Answer.NotFound);
        var store = new HttpBlobStore(_client, server.Address, retry: Fast(attempts: 3));
        Assert.Null(await store.ReadAsync(ContentId.Of(Blob), 1 << 20, CancellationToken.None));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task ReadAsync_GatewayNeverAnswers_ThrowsTimeoutAfterEveryAttempt()
    {
        await using var server = FlakyServer.Start(_ => Answer.Stall);
        var store = new HttpBlobStore(_client, server.Address, retry: Fast(attempts: 2) with { AttemptTimeout = TimeSpan.FromMilliseconds(300) });
        var error = await Assert.ThrowsAsync<TimeoutException>(() => store.ReadAsync(ContentId.Of(Blob), 1 << 20, CancellationToken.None));
        Assert.Contains("attempt 2 of 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task ReadAsync_LongerThanTheBound_IsRefusedWithoutRetry()
    {
        await using var server = FlakyServer.Start(_ => Answer.Blob);
        var store = new HttpBlobStore(_client, server.Address, retry: Fast(attempts: 3));
        await Assert.ThrowsAsync<BlobTooLargeException>(() => store.ReadAsync(ContentId.Of(Blob), Blob.Length - 1, CancellationToken.None));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task OpenReadAsync_AllAttemptsDropped_ThrowsHttpRequestException()
    {
        await using var server = FlakyServer.Start(_ => Answer.Drop);
        var store = new HttpBlobStore(_client, server.Address, retry: Fast(attempts: 2));
        await Assert.ThrowsAsync<HttpRequestException>(() => store.OpenReadAsync(ContentId.Of(Blob), CancellationToken.None));
        Assert.True(server.Requests >= 2, $"{server.Requests} requests"); // SocketsHttpHandler itself resends a request whose connection was reset before any answer
    }

    [Fact]
    public void Constructor_ZeroAttempts_NamesTheSetting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new HttpBlobStore(_client, new Uri("http://127.0.0.1:1/"), retry: RetryPolicy.Default with { Attempts = 0 }));
        Assert.Equal("Attempts", error.ParamName);
    }

    private static RetryPolicy Fast(int attempts) => new() { Attempts = attempts, FirstBackoff = TimeSpan.FromMilliseconds(10), AttemptTimeout = TimeSpan.FromSeconds(10) };

    private enum Answer
    {
        Blob,
        NotFound,
        ServerError,
        Drop,
        Stall,
    }

    // One request per connection (Connection: close), answered as the script says for the n-th request.
    private sealed class FlakyServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Func<int, Answer> _script;
        private readonly Task _loop;
        private int _requests;

        private FlakyServer(Func<int, Answer> script)
        {
            _script = script;
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public int Requests => Volatile.Read(ref _requests);

        public static FlakyServer Start(Func<int, Answer> script) => new(script);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
            _stop.Dispose();
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var request = new byte[4096];
                var read = 0;
                while (!Encoding.ASCII.GetString(request, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var n = await stream.ReadAsync(request.AsMemory(read), _stop.Token);
                    if (n == 0)
                    {
                        return;
                    }
                    read += n;
                }
                var answer = _script(Interlocked.Increment(ref _requests));
                switch (answer)
                {
                    case Answer.Drop:
                        client.Client.LingerState = new LingerOption(true, 0); // a reset, as a dropped link gives
                        return;
                    case Answer.Stall:
                        await Task.Delay(Timeout.Infinite, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                        return;
                    default:
                        var (status, body) = answer switch
                        {
                            Answer.Blob => ("200 OK", Blob),
                            Answer.NotFound => ("404 Not Found", "not here"u8.ToArray()),
                            _ => ("503 Service Unavailable", "busy"u8.ToArray()),
                        };
                        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: {body.Length}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n");
                        await stream.WriteAsync(head, _stop.Token);
                        await stream.WriteAsync(body, _stop.Token);
                        return;
                }
            }
        }
    }
}
