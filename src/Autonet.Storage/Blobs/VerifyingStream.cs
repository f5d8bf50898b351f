using System.Security.Cryptography;
using Autonet.Core;
using Autonet.Core.Ids;

namespace Autonet.Storage.Blobs;

/// <summary>
/// A read-only pass-through stream that SHA-256-hashes and counts what flows through it. At the end of the
/// inner stream it compares the hash with the expected id (when one is given) and throws
/// <see cref="ContentMismatchException"/> on a difference; past the size limit it throws <see cref="BlobTooLargeException"/>.
/// </summary>
public sealed class VerifyingStream : Stream
{
    private readonly Stream _inner;
    private readonly ContentId? _expected;
    private readonly long _maxBytes;
    private readonly IDisposable? _owner;
    private readonly string? _source;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private ContentId? _actual;

    /// <summary>Wraps <paramref name="inner"/>; disposes it (and <paramref name="owner"/>) when disposed.</summary>
    /// <param name="inner">The bytes to check.</param>
    /// <param name="expected">The id they must hash to, or null to only hash and count them.</param>
    /// <param name="maxBytes">The size limit.</param>
    /// <param name="owner">Disposed with the stream (an HTTP response).</param>
    /// <param name="source">Where the bytes come from, named in I/O errors (a URL).</param>
    public VerifyingStream(Stream inner, ContentId? expected, long maxBytes, IDisposable? owner = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        _inner = inner;
        _expected = expected;
        _maxBytes = maxBytes;
        _owner = owner;
        _source = source;
    }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The id of everything read, once the end was reached; null before.</summary>
    public ContentId? Actual => _actual;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return Account(buffer, _inner.Read(buffer));
        }
        catch (IOException error) when (_source is not null)
        {
            throw Interrupted(error);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Account(buffer.Span, read);
        }
        catch (IOException error) when (_source is not null)
        {
            throw Interrupted(error);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _owner?.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private IOException Interrupted(IOException error) => new(
        $"{_source} broke off after {BytesRead} bytes of {(_expected?.ToString() ?? "the blob")} (a gateway does this when its copy fails verification, or when it goes down): {error.Message}",
        error);

    private int Account(Span<byte> buffer, int read)
    {
        if (read > 0)
        {
            BytesRead += read;
            if (BytesRead > _maxBytes)
            {
                Errors.TooLarge("blob", BytesRead, _maxBytes);
            }

            _hash.AppendData(buffer[..read]);
            return read;
        }

        if (_actual is null && buffer.Length > 0)
        {
            _actual = new ContentId(new Hash32(_hash.GetHashAndReset()));
            if (_expected is { } expected && expected != _actual.Value)
            {
                Errors.Mismatch(expected.ToString(), _actual.Value.ToString());
            }
        }

        return 0;
    }
}
