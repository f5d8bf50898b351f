using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Autonet.Core.Ids;

namespace Autonet.Storage.Blobs;

/// <summary>
/// An <see cref="IBlobStore"/> on another node's <see cref="BlobGateway"/>. Nothing it returns is trusted:
/// downloads stream through a <see cref="VerifyingStream"/> against the requested id, and an upload's returned
/// id must equal the hash computed locally while sending. Uploads carry <c>Authorization: Bearer</c> when given an
/// upload token (a gateway on another host needs one of its <see cref="BlobGatewayOptions.UploadTokens"/>); reads never do.
/// Every request has a timeout and is retried with backoff by its <see cref="RetryPolicy"/> (uploads only when the
/// stream can seek back), so a dropped or stalled gateway ends in an error, never a hang.
/// </summary>
public sealed class HttpBlobStore : IBlobStore
{
    /// <summary>The environment variable a node reads its upload token from (<see cref="EnvironmentToken"/>).</summary>
    public const string TokenVariable = "AUTONET_UPLOAD_TOKEN";

    private readonly HttpClient _client;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly RetryPolicy _retry;

    /// <summary>A client for the gateway at <paramref name="baseAddress"/>; the caller owns <paramref name="client"/>.</summary>
    /// <param name="client">The HTTP client to send with.</param>
    /// <param name="baseAddress">The gateway, e.g. http://10.0.0.5:5080/.</param>
    /// <param name="maxBlobBytes">The largest blob read or sent.</param>
    /// <param name="uploadToken">Sent as a bearer token with uploads only; null sends none (enough for a loopback gateway).</param>
    /// <param name="retry">Timeouts and retries; null is <see cref="RetryPolicy.Default"/>.</param>
    /// <exception cref="ArgumentException">The token is shorter than <see cref="BlobGatewayOptions.MinTokenLength"/> or holds whitespace or control characters.</exception>
    public HttpBlobStore(HttpClient client, Uri baseAddress, long maxBlobBytes = DiskBlobStore.DefaultMaxBlobBytes, string? uploadToken = null, RetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBlobBytes);
        if (uploadToken is not null && !BlobGatewayOptions.IsValidToken(uploadToken))
        {
            // The token is a secret: its length, never its text.
            Errors.Argument(nameof(uploadToken), $"the upload token ({uploadToken.Length} characters) must be at least {BlobGatewayOptions.MinTokenLength} printable characters without whitespace");
        }
        _client = client;
        BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        MaxBlobBytes = maxBlobBytes;
        _authorization = uploadToken is null ? null : new AuthenticationHeaderValue("Bearer", uploadToken);
        _retry = (retry ?? RetryPolicy.Default).Validated();
    }

    public Uri BaseAddress { get; }

    public long MaxBlobBytes { get; }

    /// <summary>True when uploads carry a bearer token.</summary>
    public bool SendsToken => _authorization is not null;

    /// <summary>$AUTONET_UPLOAD_TOKEN, trimmed; null when unset or empty.</summary>
    public static string? EnvironmentToken() =>
        Environment.GetEnvironmentVariable(TokenVariable)?.Trim() is { Length: > 0 } token ? token : null;

    /// <inheritdoc/>
    public Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var start = content.CanSeek ? content.Position : -1;
        return WithRetriesAsync("api/v0/add", async (attempt, token) =>
        {
            if (attempt > 1)
            {
                content.Position = start; // only retried when it can seek back (see attempts below)
            }
            return await PutOnceAsync(content, token).ConfigureAwait(false);
        }, content.CanSeek ? _retry.Attempts : 1, cancellationToken);
    }

    private async Task<ContentId> PutOnceAsync(Stream content, CancellationToken cancellationToken)
    {
        var hashing = new VerifyingStream(new NonClosingStream(content), expected: null, MaxBlobBytes);
        using var body = new StreamContent(hashing);
        body.Headers.ContentType = new("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, "api/v0/add")) { Content = body };
        request.Headers.Authorization = _authorization;
        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            var reason = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new BlobTooLargeException($"{BaseAddress} refused the blob: {reason}");
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var reason = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var hint = SendsToken ? "the token sent is not one of its upload tokens" : $"set {TokenVariable} to one of its upload tokens";
            throw new HttpRequestException($"{BaseAddress} refused the upload (401): {reason}; {hint}", null, response.StatusCode);
        }

        await EnsureSuccessAsync(response, "api/v0/add", cancellationToken).ConfigureAwait(false);
        var answer = await response.Content.ReadFromJsonAsync(AddResponseContext.Default.AddResponse, cancellationToken).ConfigureAwait(false);
        var local = hashing.Actual ?? ContentId.Of([]);
        if (answer is null || !ContentId.TryParse(answer.Hash, out var remote))
        {
            throw new HttpRequestException($"{BaseAddress} answered add without a valid content id (Hash '{answer?.Hash}')");
        }

        if (remote != local)
        {
            Errors.Mismatch(local.ToString(), remote.ToString());
        }

        return local;
    }

    /// <inheritdoc/>
    public Task<Stream?> OpenReadAsync(ContentId id, CancellationToken cancellationToken) =>
        WithRetriesAsync("ipfs/" + id, (_, token) => OpenOnceAsync(id, MaxBlobBytes, token), _retry.Attempts, cancellationToken);

    /// <summary>
    /// Downloads the whole blob, verified against <paramref name="id"/> and at most <paramref name="maxBytes"/> long,
    /// or null when the gateway does not hold it; the timeout and retries cover the whole transfer, so a connection
    /// dropped mid-body is tried again.
    /// </summary>
    /// <exception cref="BlobTooLargeException">The blob is longer than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="Autonet.Core.ContentMismatchException">The bytes do not hash to <paramref name="id"/>.</exception>
    /// <exception cref="TimeoutException">No attempt finished within the policy's timeout.</exception>
    public Task<byte[]?> ReadAsync(ContentId id, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        return WithRetriesAsync("ipfs/" + id, async (_, token) =>
        {
            var stream = await OpenOnceAsync(id, Math.Min(maxBytes, MaxBlobBytes), token).ConfigureAwait(false);
            if (stream is null)
            {
                return null;
            }
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, token).ConfigureAwait(false);
                return buffer.ToArray();
            }
        }, _retry.Attempts, cancellationToken);
    }

    private async Task<Stream?> OpenOnceAsync(ContentId id, long maxBytes, CancellationToken cancellationToken)
    {
        var response = await _client.GetAsync(new Uri(BaseAddress, "ipfs/" + id), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                response.Dispose();
                return null;
            }

            await EnsureSuccessAsync(response, "ipfs/" + id, cancellationToken).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
            {
                Errors.TooLarge($"{BaseAddress}ipfs/{id}", length, maxBytes); // refused before a byte of the body is read
            }
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new VerifyingStream(body, id, maxBytes, owner: response, source: new Uri(BaseAddress, "ipfs/" + id).ToString());
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public Task<bool> ContainsAsync(ContentId id, CancellationToken cancellationToken) =>
        WithRetriesAsync("ipfs/" + id, async (_, token) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(BaseAddress, "ipfs/" + id));
            using var response = await _client.SendAsync(request, token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }

            await EnsureSuccessAsync(response, "ipfs/" + id, token).ConfigureAwait(false);
            return true;
        }, _retry.Attempts, cancellationToken);

    // Runs attempt 1..attempts, each under the policy's timeout, backing off after a transient failure; a timeout of
    // the last attempt becomes a TimeoutException naming the gateway, any other failure of it is thrown as it is.
    private async Task<T> WithRetriesAsync<T>(string path, Func<int, CancellationToken, Task<T>> attempt, int attempts, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_retry.AttemptTimeout);
            try
            {
                return await attempt(n, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (n < attempts && RetryPolicy.IsTransient(error, cancellationToken))
            {
                await Task.Delay(_retry.Backoff(n), _retry.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{BaseAddress}{path}: no complete answer within {_retry.AttemptTimeout.TotalSeconds:0.###} s (attempt {n} of {attempts})", error);
            }
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var reason = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new HttpRequestException($"{BaseAddress}{path} answered {(int)response.StatusCode} {response.StatusCode}: {reason}", null, response.StatusCode);
    }
}
