// The provider's ledger of accepted vouchers: the latest (highest) per client is what it redeems. Each accepted voucher
// is appended to a JSON-lines file and flushed before the response goes out, so a crash loses no payment; loading keeps
// the highest per client. A voucher must raise the client's total by at least the request's price (and by at least
// one unit), so a replayed or stale voucher buys nothing.
using System.Numerics;
using System.Text.Json;
using Autonet.Chain.Contracts;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Inference.Market;

/// <summary>The latest accepted voucher per client for one provider and project, kept in a file.</summary>
public sealed class VoucherBook
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Address, (BigInteger Cumulative, byte[] Signature)> _latest = [];
    private readonly string? _path;

    /// <param name="provider">The provider the vouchers pay.</param>
    /// <param name="projectId">The project they pay for.</param>
    /// <param name="path">The JSON-lines file; null keeps the book in memory only.</param>
    /// <exception cref="InvalidDataException">A line of the file is not a voucher record; the message names the line.</exception>
    public VoucherBook(Address provider, BigInteger projectId, string? path)
    {
        (Provider, ProjectId, _path) = (provider, projectId, path);
        if (path is null || !File.Exists(path))
        {
            return;
        }
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var client = Address.Parse(root.GetProperty("client").GetString() ?? "");
                var cumulative = BigInteger.Parse(root.GetProperty("cumulative").GetString() ?? "", System.Globalization.CultureInfo.InvariantCulture);
                var signature = Hex.Decode(root.GetProperty("signature").GetString() ?? "");
                if (!_latest.TryGetValue(client, out var known) || cumulative > known.Cumulative)
                {
                    _latest[client] = (cumulative, signature);
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path} line {number} is not a voucher record ({e.Message})", e);
            }
        }
    }

    public Address Provider { get; }

    public BigInteger ProjectId { get; }

    /// <summary>The client's latest accepted total; 0 before its first voucher.</summary>
    public BigInteger LatestOf(Address client)
    {
        lock (_lock)
        {
            return _latest.TryGetValue(client, out var v) ? v.Cumulative : BigInteger.Zero;
        }
    }

    /// <summary>Records <paramref name="voucher"/> when it raises its client's total by at least <paramref name="price"/> (and 1).</summary>
    /// <returns>False, with the latest total, when it does not (a replayed, stale or underpaying voucher).</returns>
    public bool TryRecord(Voucher voucher, byte[] signature, BigInteger price, out BigInteger latest)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        lock (_lock)
        {
            latest = _latest.TryGetValue(voucher.Client, out var v) ? v.Cumulative : BigInteger.Zero;
            if (voucher.Cumulative - latest < BigInteger.Max(price, BigInteger.One))
            {
                return false;
            }
            if (_path is not null)
            {
                var line = JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["client"] = voucher.Client.ToString(),
                    ["cumulative"] = voucher.Cumulative.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["signature"] = Hex.Encode(signature),
                });
                using var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
                file.Write(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
                file.Flush(flushToDisk: true);
            }
            _latest[voucher.Client] = (voucher.Cumulative, signature);
            return true;
        }
    }

    /// <summary>Every client's latest voucher and its signature: what to redeem.</summary>
    public IReadOnlyList<(Voucher Voucher, byte[] Signature)> Latest()
    {
        lock (_lock)
        {
            return [.. _latest.Select(kv => (new Voucher(kv.Key, Provider, ProjectId, kv.Value.Cumulative), kv.Value.Signature))];
        }
    }
}
