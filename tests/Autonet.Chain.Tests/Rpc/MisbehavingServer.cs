// A real HTTP/1.1 server on a loopback port that misbehaves as told, one behaviour per connection in order (the last
// repeats): it stalls without answering, drops the connection, answers 503, stalls after the headers, sends an
// oversized body, answers a canned body, forwards the request to a real upstream (anvil) and relays its reply, or
// forwards it and drops the connection instead of relaying (the upstream acted, the client never heard).
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Autonet.Chain.Tests.Rpc;

/// <summary>What the server does with one connection.</summary>
public enum Misbehaviour
{
    Stall,
    Drop,
    Unavailable,
    StallAfterHeaders,
    Oversized,
    Canned,
    Forward,
    ForwardThenDrop,
}

/// <summary>A listener that misbehaves per connection; counts the connections it accepted.</summary>
public sealed class MisbehavingServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Misbehaviour[] _plan;
    private readonly Uri? _upstream;
    private readonly string _canned;
    private readonly HttpClient _http = new();
    private int _connections;

    public MisbehavingServer(Misbehaviour[] plan, Uri? upstream = null, string canned = "")
    {
        ArgumentOutOfRangeException.ThrowIfZero(plan.Length);
        (_plan, _upstream, _canned) = (plan, upstream, canned);
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    public Uri Endpoint { get; }

    /// <summary>Connections accepted so far (one per attempt: every reply closes its connection).</summary>
    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptTcpClientAsync(_stop.Token);
                var index = Interlocked.Increment(ref _connections) - 1;
                _ = ServeAsync(socket, _plan[Math.Min(index, _plan.Length - 1)]);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient socket, Misbehaviour behaviour)
    {
        using (socket)
        {
            try
            {
                var stream = socket.GetStream();
                var request = await ReadRequestAsync(stream);
                switch (behaviour)
                {
                    case Misbehaviour.Stall:
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                        break;
                    case Misbehaviour.Drop:
                        socket.Client.LingerState = new LingerOption(true, 0); // a reset, as a crashed peer gives
                        break;
                    case Misbehaviour.Unavailable:
                        await WriteAsync(stream, "503 Service Unavailable", "text/plain", "try later"u8.ToArray(), declare: true);
                        break;
                    case Misbehaviour.StallAfterHeaders:
                        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"jsonrpc\""), _stop.Token);
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                        break;
                    case Misbehaviour.Oversized:
                        await WriteAsync(stream, "200 OK", "application/json", Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x{new string('0', 300_000)}\"}}"), declare: false);
                        break;
                    case Misbehaviour.Canned:
                        await WriteAsync(stream, "200 OK", "application/json", Encoding.UTF8.GetBytes(_canned), declare: true);
                        break;
                    case Misbehaviour.Forward or Misbehaviour.ForwardThenDrop:
                        using (var content = new ByteArrayContent(request))
                        {
                            content.Headers.ContentType = new("application/json");
                            using var reply = await _http.PostAsync(_upstream ?? throw new InvalidOperationException("Forward needs an upstream"), content, _stop.Token);
                            var body = await reply.Content.ReadAsByteArrayAsync(_stop.Token);
                            if (behaviour == Misbehaviour.Forward)
                            {
                                await WriteAsync(stream, "200 OK", "application/json", body, declare: true);
                            }
                            else
                            {
                                socket.Client.LingerState = new LingerOption(true, 0);
                            }
                        }
                        break;
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (IOException)
            {
            }
        }
    }

    // Reads the headers and the Content-Length body; returns the body.
    private async Task<byte[]> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new byte[1 << 16];
        var read = 0;
        while (true)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), _stop.Token);
            if (n == 0)
            {
                throw new IOException("client closed");
            }
            read += n;
            var text = Encoding.ASCII.GetString(buffer, 0, read);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }
            var lengthLine = text[..end].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            if (read >= end + 4 + length)
            {
                return buffer[(end + 4)..(end + 4 + length)];
            }
        }
    }

    private async Task WriteAsync(NetworkStream stream, string status, string type, byte[] body, bool declare)
    {
        var length = declare ? $"Content-Length: {body.Length}\r\n" : "";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: {type}\r\n{length}Connection: close\r\n\r\n"), _stop.Token);
        await stream.WriteAsync(body, _stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _http.Dispose();
        _stop.Dispose();
    }
}
