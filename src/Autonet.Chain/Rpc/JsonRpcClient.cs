using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Autonet.Chain.Abi;
using Autonet.Core;
using Autonet.Core.Codecs;

namespace Autonet.Chain.Rpc;

/// <summary>
/// JSON-RPC 2.0 over HTTP POST (JSON-RPC 2.0 specification §4-5). Every reply is treated as untrusted: a non-JSON body,
/// a wrong id, or neither "result" nor "error" becomes a <see cref="ChainException"/> naming the method and the problem.
/// An "error" reply becomes a ChainException with its code and, when it carries revert data, the decoded revert.
/// A reply body is read up to <see cref="MaxReplyBytes"/> (default <see cref="SizeLimits.RpcReplyBytes"/>) and
/// refused beyond it, so a hostile endpoint cannot exhaust memory. Each attempt has <see cref="RpcPolicy.Timeout"/>;
/// a transport failure is retried with jittered exponential backoff up to <see cref="RpcPolicy.Attempts"/>, an answer
/// (error, revert, malformed) never is. No batching and no websockets.
/// </summary>
public sealed class JsonRpcClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _endpoint;
    private long _nextId;

    public JsonRpcClient(Uri endpoint, RevertDecoder? reverts = null, HttpClient? http = null, int maxReplyBytes = SizeLimits.RpcReplyBytes, RpcPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxReplyBytes);
        MaxReplyBytes = maxReplyBytes;
        Policy = (policy ?? RpcPolicy.Default).Validate();
        _endpoint = endpoint;
        _ownsHttp = http is null;
        // The policy's per-attempt timeout governs (it also covers reading the body, which HttpClient.Timeout does not
        // with ResponseHeadersRead); an injected client's own Timeout still applies on top.
        _http = http ?? new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        Reverts = reverts ?? new RevertDecoder();
    }

    /// <summary>The largest reply body read; a longer one is a <see cref="ChainException"/>.</summary>
    public int MaxReplyBytes { get; }

    /// <summary>Timeout, attempts and backoff of every call.</summary>
    public RpcPolicy Policy { get; }

    /// <summary>The endpoint this client posts to.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>Decodes revert data in error replies; add contract ABIs to it to name custom errors.</summary>
    public RevertDecoder Reverts { get; }

    /// <summary>Calls <paramref name="method"/> and returns its "result" (a detached element).</summary>
    /// <exception cref="ChainException">Transport failure after every attempt (<see cref="ChainException.IsTransport"/>), malformed reply, or an error reply (with RPC code and revert).</exception>
    public async Task<JsonElement> CallAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await CallOnceAsync(method, parameters, cancellationToken).ConfigureAwait(false);
                ChainMetrics.Call(method, attempt == 1 ? "ok" : "ok_after_retry");
                return result;
            }
            catch (ChainException error) when (error.IsTransport && attempt < Policy.Attempts)
            {
                // Sending eth_sendRawTransaction again is safe: the same signed bytes are the same transaction, and
                // ChainClient reads "already known" for it as sent.
                ChainMetrics.Retry(method);
                await Task.Delay(Policy.Backoff(attempt, Random.Shared), cancellationToken).ConfigureAwait(false);
            }
            catch (ChainException error) when (attempt < 4 && method != "eth_sendRawTransaction" && error.Message.Contains("BlockOutOfRangeError", StringComparison.Ordinal))
            {
                // anvil answers a read racing a block that is being mined with "BlockOutOfRangeError: block height is N
                // but requested was N-1" (seen with several node processes on one chain); the same read a moment later succeeds.
                await Task.Delay(25 * attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (ChainException error)
            {
                ChainMetrics.Call(method, error.IsTransport ? "unreachable" : "error");
                if (error.IsTransport && Policy.Attempts > 1)
                {
                    throw new ChainException($"{error.Message} (gave up after {Policy.Attempts} attempts)", error.InnerException ?? error) { IsTransport = true };
                }
                throw;
            }
        }
    }

    private async Task<JsonElement> CallOnceAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id,
            ["method"] = method,
            ["params"] = parameters,
        });
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(Policy.Timeout);
        string reply;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
            if ((int)response.StatusCode is 429 or 502 or 503 or 504)
            {
                throw new ChainException($"JSON-RPC {method}: {_endpoint} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}") { IsTransport = true };
            }
            reply = await ReadBoundedAsync(method, response.Content, attempt.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode && reply.Length == 0)
            {
                return Errors.Rpc<JsonElement>(method, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {_endpoint}");
            }
        }
        catch (HttpRequestException error)
        {
            throw new ChainException($"JSON-RPC {method}: cannot reach {_endpoint}: {error.Message}; is the node running?", error) { IsTransport = true };
        }
        catch (IOException error)
        {
            // The connection dropped while the reply was being read.
            throw new ChainException($"JSON-RPC {method}: the connection to {_endpoint} dropped mid-reply: {error.Message}", error) { IsTransport = true };
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChainException($"JSON-RPC {method}: {_endpoint} did not answer within {Policy.Timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s (RpcPolicy.Timeout, chain.timeout_seconds)", error) { IsTransport = true };
        }
        return ParseReply(method, id, reply, Reverts);
    }

    // Refuses a declared Content-Length over the limit before reading, and stops reading one byte past it otherwise
    // (chunked replies declare nothing), so at most MaxReplyBytes + 64 KiB is buffered whatever the server sends.
    private async Task<string> ReadBoundedAsync(string method, HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is long declared && declared > MaxReplyBytes)
        {
            return Errors.Rpc<string>(method, $"reply declares {declared} bytes, more than the {MaxReplyBytes} allowed (SizeLimits.RpcReplyBytes)");
        }
        using var body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxReplyBytes)
            {
                return Errors.Rpc<string>(method, $"reply is longer than the {MaxReplyBytes} bytes allowed (SizeLimits.RpcReplyBytes)");
            }
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Parses one reply body; public for tests of malformed replies.</summary>
    /// <exception cref="ChainException">The reply is malformed or an error.</exception>
    public static JsonElement ParseReply(string method, long id, string reply, RevertDecoder reverts)
    {
        ArgumentNullException.ThrowIfNull(reverts);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(reply ?? "");
        }
        catch (JsonException)
        {
            return Errors.Rpc<JsonElement>(method, $"reply is not JSON: {Shorten(reply)}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Errors.Rpc<JsonElement>(method, $"reply is a JSON {root.ValueKind}, not an object: {Shorten(reply)}");
            }
            if (!root.TryGetProperty("id", out var replyId) || replyId.ValueKind != JsonValueKind.Number || !replyId.TryGetInt64(out var number) || number != id)
            {
                return Errors.Rpc<JsonElement>(method, $"reply id does not match request id {id}: {Shorten(reply)}");
            }
            if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                throw ErrorReply(method, error, reverts);
            }
            if (!root.TryGetProperty("result", out var result))
            {
                return Errors.Rpc<JsonElement>(method, $"reply has neither result nor error: {Shorten(reply)}");
            }
            return result.Clone();
        }
    }

    private static ChainException ErrorReply(string method, JsonElement error, RevertDecoder reverts)
    {
        // Every member is checked for its kind first: the reply is untrusted, and JsonElement throws
        // InvalidOperationException for a wrong kind (found by the rpcreply fuzz target).
        var isObject = error.ValueKind == JsonValueKind.Object;
        long? code = isObject && error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var value) ? value : null;
        var message = isObject && error.TryGetProperty("message", out var m) ? m.ToString() : error.ToString();
        RevertReason? revert = null;
        if (isObject && error.TryGetProperty("data", out var data))
        {
            // Geth and anvil send the revert data as a hex string; some nodes nest it as {"data": "0x…"}.
            var hex = data.ValueKind == JsonValueKind.String ? data.GetString()
                : data.ValueKind == JsonValueKind.Object && data.TryGetProperty("data", out var inner) && inner.ValueKind == JsonValueKind.String ? inner.GetString() : null;
            if (Hex.TryDecode(hex, out var bytes, out _) && hex!.StartsWith("0x", StringComparison.Ordinal))
            {
                revert = reverts.Decode(bytes);
            }
        }
        var text = revert is null
            ? $"JSON-RPC {method} failed (code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}): {message}"
            : $"JSON-RPC {method} reverted: {revert} (code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}: {message})";
        return new ChainException(text, code, revert);
    }

    private static string Shorten(string? text) => text is null ? "null" : text.Length <= 200 ? text : text[..197] + "...";

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
