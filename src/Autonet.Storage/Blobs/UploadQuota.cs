using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Autonet.Storage.Blobs;

/// <summary>
/// Bytes uploaded per client address, against <see cref="BlobGatewayOptions.UploadQuotaBytes"/>. Bytes are charged
/// as they are read, so concurrent uploads cannot overshoot together; a failed upload is refunded. With
/// <see cref="BlobGatewayOptions.QuotaFile"/> usage is saved after every metered upload (temp file + rename) and read
/// back at start, so a restart does not reset it; without, it lives in memory. One entry per client address seen.
/// </summary>
internal sealed class UploadQuota
{
    private readonly ConcurrentDictionary<IPAddress, StrongBox<long>> _used = new();
    private readonly long _limitBytes;
    private readonly string? _path;
    private readonly Lock _saving = new();

    /// <exception cref="InvalidDataException">The quota file is not a JSON object of address to byte count.</exception>
    public UploadQuota(long limitBytes, string? path = null)
    {
        _limitBytes = limitBytes;
        _path = path;
        if (path is not null && File.Exists(path))
        {
            Load(path);
        }
    }

    public long LimitBytes => _limitBytes;

    public long UsedBy(IPAddress client) => _used.TryGetValue(client, out var used) ? Volatile.Read(ref used.Value) : 0;

    /// <summary>Null when <paramref name="more"/> bytes fit in the client's quota (always, when it is 0 = unlimited); otherwise why not.</summary>
    public string? Refuse(IPAddress client, long more)
    {
        var used = UsedBy(client);
        return _limitBytes == 0 || more <= _limitBytes - used ? null : Message(client, used, more);
    }

    /// <summary>A view of <paramref name="body"/> that charges each byte read to <paramref name="client"/>.</summary>
    public MeteredStream Meter(Stream body, IPAddress client) => new(body, this, _used.GetOrAdd(client, _ => new StrongBox<long>()), client);

    /// <summary>Writes every client's usage to the quota file, if there is one (a few bytes per client: written whole).</summary>
    public void Save()
    {
        if (_path is null)
        {
            return;
        }
        lock (_saving)
        {
            var usage = _used.ToDictionary(entry => entry.Key.ToString(), entry => Volatile.Read(ref entry.Value.Value), StringComparer.Ordinal);
            var temporary = _path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(usage));
            File.Move(temporary, _path, overwrite: true);
        }
    }

    private void Load(string path)
    {
        Dictionary<string, long>? usage;
        try
        {
            usage = JsonSerializer.Deserialize<Dictionary<string, long>>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"quota file {path} is not a JSON object of client address to bytes ({e.Message}); fix or delete it", e);
        }
        foreach (var (text, bytes) in usage ?? [])
        {
            if (!IPAddress.TryParse(text, out var address) || bytes < 0)
            {
                throw new InvalidDataException($"quota file {path}: '{text}': {bytes} is not a client address with a byte count >= 0; fix or delete it");
            }
            _used[address] = new StrongBox<long>(bytes);
        }
    }

    private string Message(IPAddress client, long used, long more) =>
        $"client {client} has uploaded {used} bytes of its UploadQuotaBytes quota of {_limitBytes} bytes; {more} more would exceed it"
        + (_path is null ? " (usage resets when the gateway restarts)" : "");

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
