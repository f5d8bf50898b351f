using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;

namespace Autonet.Storage.Blobs;

/// <summary>
/// Bytes uploaded per client address over a gateway's lifetime, against <see cref="BlobGatewayOptions.UploadQuotaBytes"/>.
/// Bytes are charged as they are read, so concurrent uploads cannot overshoot together; a failed upload is refunded.
/// In memory only: a restart forgets usage. One entry per client address seen (about 100 bytes each).
/// </summary>
internal sealed class UploadQuota(long limitBytes)
{
    private readonly ConcurrentDictionary<IPAddress, StrongBox<long>> _used = new();

    public long LimitBytes => limitBytes;

    public long UsedBy(IPAddress client) => _used.TryGetValue(client, out var used) ? Volatile.Read(ref used.Value) : 0;

    /// <summary>Null when <paramref name="more"/> bytes fit in the client's quota (always, when it is 0 = unlimited); otherwise why not.</summary>
    public string? Refuse(IPAddress client, long more)
    {
        var used = UsedBy(client);
        return limitBytes == 0 || more <= limitBytes - used ? null : Message(client, used, more);
    }

    /// <summary>A view of <paramref name="body"/> that charges each byte read to <paramref name="client"/>.</summary>
    public MeteredStream Meter(Stream body, IPAddress client) => new(body, this, _used.GetOrAdd(client, _ => new StrongBox<long>()), client);

    private string Message(IPAddress client, long used, long more) =>
        $"client {client} has uploaded {used} bytes of its UploadQuotaBytes quota of {limitBytes} bytes; {more} more would exceed it (usage resets when the gateway restarts)";

    /// <summary>Charges reads as they happen; throws <see cref="BadHttpRequestException"/> with 429 past the quota.</summary>
    internal sealed class MeteredStream(Stream inner, UploadQuota quota, StrongBox<long> used, IPAddress client) : Stream
    {
        private long _charged;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _charged;
            set => throw new NotSupportedException();
        }

        /// <summary>Gives back what this upload was charged (it failed, so nothing was stored).</summary>
        public void Refund()
        {
            Interlocked.Add(ref used.Value, -_charged);
            _charged = 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => Charge(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Charge(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Charge(int read)
        {
            if (read > 0 && quota.LimitBytes > 0)
            {
                var total = Interlocked.Add(ref used.Value, read);
                _charged += read;
                if (total > quota.LimitBytes)
                {
                    // The caller refunds this upload's charge; the usage named is what was stored before it.
                    throw new BadHttpRequestException(quota.Message(client, total - _charged, _charged), StatusCodes.Status429TooManyRequests);
                }
            }

            return read;
        }
    }
}
