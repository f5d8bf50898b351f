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
/// </summary>
public sealed class HttpBlobStore : IBlobStore
{
    /// <summary>The environment variable a node reads its upload token from (<see cref="EnvironmentToken"/>).</summary>
    public const string TokenVariable = "AUTONET_UPLOAD_TOKEN";

    private readonly HttpClient _client;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <summary>A client for the gateway at <paramref name="baseAddress"/>; the caller owns <paramref name="client"/>.</summary>
    /// <param name="client">The HTTP client to send with.</param>
    /// <param name="baseAddress">The gateway, e.g. http://10.0.0.5:5080/.</param>
    /// <param name="maxBlobBytes">The largest blob read or sent.</param>
    /// <param name="uploadToken">Sent as a bearer token with uploads only; null sends none (enough for a loopback gateway).</param>
    /// <exception cref="ArgumentException">The token is shorter than <see cref="BlobGatewayOptions.MinTokenLength"/> or holds whitespace or control characters.</exception>
    public HttpBlobStore(HttpClient client, Uri baseAddress, long maxBlobBytes = DiskBlobStore.DefaultMaxBlobBytes, string? uploadToken = null)
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
    }

    public Uri BaseAddress { get; }

    public long MaxBlobBytes { get; }

    /// <summary>True when uploads carry a bearer token.</summary>
    public bool SendsToken => _authorization is not null;

    /// <summary>$AUTONET_UPLOAD_TOKEN, trimmed; null when unset or empty.</summary>
    public static string? EnvironmentToken() =>
        Environment.GetEnvironmentVariable(TokenVariable)?.Trim() is { Length: > 0 } token ? token : null;

    /// <inheritdoc/>
    public async Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
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
    public async Task<Stream?> OpenReadAsync(ContentId id, CancellationToken cancellationToken)
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
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new VerifyingStream(body, id, MaxBlobBytes, owner: response, source: new Uri(BaseAddress, "ipfs/" + id).ToString());
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<bool> ContainsAsync(ContentId id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(BaseAddress, "ipfs/" + id));
        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, "ipfs/" + id, cancellationToken).ConfigureAwait(false);
        return true;
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
