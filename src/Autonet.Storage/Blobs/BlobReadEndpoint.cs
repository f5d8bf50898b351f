using System.Buffers;
using Autonet.Core;
using Autonet.Core.Ids;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Autonet.Storage.Blobs;

/// <summary>
/// <c>GET|HEAD /ipfs/{cid}</c>: a whole blob streamed through its verifying stream (200), or one byte range (206,
/// 416 when it selects nothing). A CID names its bytes forever, so every answer is cacheable as immutable and the
/// ETag is the CID. Not here: multi-range answers (ignored, the whole blob is sent), UnixFS paths under the CID.
/// </summary>
internal sealed class BlobReadEndpoint(IBlobStore store)
{
    private const string Immutable = "public, max-age=31536000, immutable";
    private const int BufferBytes = 1 << 16;
    private readonly BlobLengths _lengths = new(store);

    public async Task<IResult> HandleAsync(string cid, HttpContext context)
    {
        if (!ContentId.TryParse(cid, out var id))
        {
            return Results.Text($"invalid content id '{Shorten(cid)}': expected a CIDv1 raw sha2-256 id (bafkrei...)", statusCode: 400);
        }

        var cancellationToken = context.RequestAborted;
        var headers = context.Response.Headers;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            if (!await store.ContainsAsync(id, cancellationToken).ConfigureAwait(false))
            {
                return Results.NotFound();
            }

            SetCacheHeaders(headers, id);
            return Results.Ok();
        }

        if (ByteRange.TryParse(context.Request.Headers.Range, out var requested))
        {
            return await ServeRangeAsync(id, requested, context).ConfigureAwait(false);
        }

        var stream = await store.OpenReadAsync(id, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return Results.Text($"{id} not found", statusCode: 404);
        }

        // The verifying stream throws at the end if the stored bytes went bad; Kestrel then aborts the
        // response, so a client never sees a clean end of a corrupt blob.
        headers.CacheControl = Immutable;
        headers.AcceptRanges = "bytes";
        return Results.Stream(stream, "application/octet-stream", entityTag: new EntityTagHeaderValue($"\"{id}\""));
    }

    private async Task<IResult> ServeRangeAsync(ContentId id, RangeItemHeaderValue requested, HttpContext context)
    {
        long? length;
        try
        {
            length = await _lengths.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ContentMismatchException error)
        {
            return Results.Text($"the stored copy of {id} fails verification (it hashes to {error.Actual}); fetch it from another gateway", statusCode: 500);
        }

        if (length is not { } blobLength)
        {
            return Results.Text($"{id} not found", statusCode: 404);
        }

        var response = context.Response;
        SetCacheHeaders(response.Headers, id);
        if (ByteRange.Resolve(requested, blobLength) is not { } range)
        {
            response.Headers.ContentRange = $"bytes */{blobLength}";
            return Results.Text($"range '{context.Request.Headers.Range}' selects no bytes of {id}, which is {blobLength} bytes long (offsets 0 to {blobLength - 1})", statusCode: 416);
        }

        var stream = await store.OpenReadAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (stream is null)
        {
            return Results.Text($"{id} not found", statusCode: 404);
        }

        await using (stream.ConfigureAwait(false))
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.ContentType = "application/octet-stream";
            response.ContentLength = range.Length;
            response.Headers.ContentRange = $"bytes {range.Start}-{range.End}/{blobLength}";
            if (!await CopyRangeAsync(stream, range, response.Body, context.RequestAborted).ConfigureAwait(false))
            {
                context.Abort(); // the blob shrank since its length was verified: never end a short range cleanly
            }
        }

        return Results.Empty;
    }

    /// <summary>Skips to the range's start and copies its bytes; false when the stream ends first.</summary>
    private static async Task<bool> CopyRangeAsync(Stream source, ByteRange range, Stream destination, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            // The store's streams do not seek, so skipping costs a read of the bytes before the range.
            for (long skipped = 0; skipped < range.Start;)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, range.Start - skipped)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return false;
                }

                skipped += read;
            }

            for (long sent = 0; sent < range.Length;)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, range.Length - sent)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return false;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                sent += read;
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void SetCacheHeaders(IHeaderDictionary headers, ContentId id)
    {
        headers.CacheControl = Immutable;
        headers.ETag = $"\"{id}\"";
        headers.AcceptRanges = "bytes";
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
