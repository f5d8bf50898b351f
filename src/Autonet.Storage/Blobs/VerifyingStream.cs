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
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private ContentId? _actual;

    /// <summary>Wraps <paramref name="inner"/>; disposes it (and <paramref name="owner"/>) when disposed.</summary>
    public VerifyingStream(Stream inner, ContentId? expected, long maxBytes, IDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        _inner = inner;
        _expected = expected;
        _maxBytes = maxBytes;
        _owner = owner;
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

    public override int Read(Span<byte> buffer) => Account(buffer, _inner.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span, read);
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
