using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Autonet.Storage.Blobs;

/// <summary>
/// <c>POST /api/v0/add</c>, kubo-style: a raw body (no Content-Type or application/octet-stream, as
/// <see cref="HttpBlobStore"/> sends) is stored as is; a multipart/form-data body (curl -F file=@x) has each file
/// part stored, not its MIME envelope. One JSON line per stored file: {"Name","Hash","Size"}. Checks, in order:
/// authorization (401), content type (415), size (413), quota (429). Not here: directories, UnixFS, pinning flags.
/// </summary>
internal sealed class BlobAddEndpoint(IBlobStore store, BlobGatewayOptions options, UploadQuota quota)
{
    // RFC 2046 §5.1.1: a boundary is 1 to 70 characters.
    private const int MaxBoundaryLength = 70;
    private readonly UploadAuthorizer _authorizer = new(options);
    private readonly UploadQuota _quota = quota;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var client = ClientOf(context);
        if (_authorizer.Refuse(context, client) is { } unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Text(unauthorized, statusCode: 401);
        }

        var contentType = context.Request.ContentType;
        var multipart = MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (!multipart && !string.IsNullOrEmpty(contentType) && !(mediaType?.MediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return Results.Text($"Content-Type '{contentType}' is not accepted by /api/v0/add: send application/octet-stream (raw bytes) or multipart/form-data (curl -F file=@path)", statusCode: 415);
        }

        if (context.Request.ContentLength > options.MaxUploadBytes)
        {
            return Results.Text($"body of {context.Request.ContentLength} bytes is over the limit of {options.MaxUploadBytes} bytes", statusCode: 413);
        }

        var trusted = _authorizer.IsTrusted(client);
        if (!trusted && _quota.Refuse(client, context.Request.ContentLength ?? 0) is { } overQuota)
        {
            return Results.Text(overQuota, statusCode: 429);
        }

        var meter = trusted ? null : _quota.Meter(context.Request.Body, client);
        var body = (Stream?)meter ?? context.Request.Body;
        try
        {
            var added = multipart ? await AddPartsAsync(mediaType!, body, context.RequestAborted).ConfigureAwait(false) // non-null: TryParse succeeded
                : [await AddAsync(null, body, context.RequestAborted).ConfigureAwait(false)];
            return added.Count == 0
                ? Results.Text("the multipart body has no file part: send one with Content-Disposition: form-data; name=\"file\"; filename=\"...\" (curl -F file=@path)", statusCode: 400)
                : Results.Text(string.Concat(added.Select(line => JsonSerializer.Serialize(line, AddResponseContext.Default.AddResponse) + "\n")), "application/json");
        }
        catch (BlobTooLargeException error)
        {
            meter?.Refund();
            return Results.Text(error.Message, statusCode: 413);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == 413)
        {
            meter?.Refund();
            return Results.Text($"body is over the limit of {options.MaxUploadBytes} bytes", statusCode: 413);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == 429)
        {
            meter?.Refund();
            return Results.Text(error.Message, statusCode: 429);
        }
        catch (InvalidDataException error)
        {
            meter?.Refund();
            return Results.Text($"malformed multipart body: {error.Message}", statusCode: 400);
        }
        finally
        {
            if (meter is not null)
            {
                _quota.Save(); // after a success or a refund alike
            }
        }
    }

    private async Task<List<AddResponse>> AddPartsAsync(MediaTypeHeaderValue mediaType, Stream body, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > MaxBoundaryLength)
        {
            throw new InvalidDataException($"the boundary must be 1 to {MaxBoundaryLength} characters (RFC 2046 §5.1.1); got {boundary?.Length ?? 0}");
        }

        var reader = new MultipartReader(boundary, body);
        var added = new List<AddResponse>();
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            // Form fields other than files are skipped; the reader drains them when it moves to the next section.
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
            {
                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                added.Add(await AddAsync(name, section.Body, cancellationToken).ConfigureAwait(false));
            }
        }

        return added;
    }

    private async Task<AddResponse> AddAsync(string? name, Stream content, CancellationToken cancellationToken)
    {
        // Counted by a second hasher: about 0.8 ms per MiB at the 1.2 GB/s SHA-256 measured here, paid for a Size kubo clients expect.
        var counting = new VerifyingStream(new NonClosingStream(content), expected: null, long.MaxValue);
        var id = await store.PutAsync(counting, cancellationToken).ConfigureAwait(false);
        var text = id.ToString();
        return new AddResponse(string.IsNullOrEmpty(name) ? text : name, text, counting.BytesRead.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The client's address, IPv4-mapped IPv6 folded to IPv4 so one host has one quota.</summary>
    private static IPAddress ClientOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}
