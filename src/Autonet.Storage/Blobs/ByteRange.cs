using Microsoft.Net.Http.Headers;

namespace Autonet.Storage.Blobs;

/// <summary>
/// The one byte range a <c>GET /ipfs/{cid}</c> asked for, resolved against the blob's length (RFC 9110 §14).
/// Single ranges only: a multi-range or malformed header is ignored and the whole blob is sent, as §14.2 allows.
/// </summary>
internal readonly record struct ByteRange(long Start, long Length)
{
    /// <summary>The last byte's offset, as Content-Range writes it.</summary>
    public long End => Start + Length - 1;

    /// <summary>The single <c>bytes=</c> range in <paramref name="header"/>; false means "send the whole blob".</summary>
    public static bool TryParse(string? header, out RangeItemHeaderValue range)
    {
        range = null!; // only read when this returns true
        if (string.IsNullOrEmpty(header) || !RangeHeaderValue.TryParse(header, out var parsed)
            || !string.Equals(parsed.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || parsed.Ranges.Count != 1)
        {
            return false;
        }

        range = parsed.Ranges.First();
        return true;
    }

    /// <summary>The bytes <paramref name="range"/> selects in a blob of <paramref name="blobLength"/> bytes, or null when it selects none (416).</summary>
    public static ByteRange? Resolve(RangeItemHeaderValue range, long blobLength)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentOutOfRangeException.ThrowIfNegative(blobLength);
        if (range.From is not { } from)
        {
            // Suffix range "bytes=-n": the last n bytes; n = 0 selects nothing (RFC 9110 §14.1.3).
            var suffix = range.To ?? 0;
            return suffix == 0 || blobLength == 0 ? null : new ByteRange(blobLength - Math.Min(suffix, blobLength), Math.Min(suffix, blobLength));
        }

        if (from >= blobLength)
        {
            return null;
        }

        // RangeHeaderValue already refused from > to; an end past the blob is clamped (§14.1.2), so the length cannot overflow.
        var end = Math.Min(range.To ?? long.MaxValue, blobLength - 1);
        return new ByteRange(from, end - from + 1);
    }
}
