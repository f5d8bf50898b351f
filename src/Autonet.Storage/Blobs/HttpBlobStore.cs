using System.Net;
using System.Net.Http.Json;
using Autonet.Core.Ids;

namespace Autonet.Storage.Blobs;

/// <summary>
/// An <see cref="IBlobStore"/> on another node's <see cref="BlobGateway"/>. Nothing it returns is trusted:
/// downloads stream through a <see cref="VerifyingStream"/> against the requested id, and an upload's returned
/// id must equal the hash computed locally while sending.
/// </summary>
public sealed class HttpBlobStore : IBlobStore
{
    private readonly HttpClient _client;

    /// <summary>A client for the gateway at <paramref name="baseAddress"/>; the caller owns <paramref name="client"/>.</summary>
    public HttpBlobStore(HttpClient client, Uri baseAddress, long maxBlobBytes = DiskBlobStore.DefaultMaxBlobBytes)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBlobBytes);
        _client = client;
        BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        MaxBlobBytes = maxBlobBytes;
    }

    public Uri BaseAddress { get; }

    public long MaxBlobBytes { get; }

    /// <inheritdoc/>
    public async Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var hashing = new VerifyingStream(new NonClosingStream(content), expected: null, MaxBlobBytes);
        using var body = new StreamContent(hashing);
        body.Headers.ContentType = new("application/octet-stream");
        using var response = await _client.PostAsync(new Uri(BaseAddress, "api/v0/add"), body, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            var reason = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new BlobTooLargeException($"{BaseAddress} refused the blob: {reason}");
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
