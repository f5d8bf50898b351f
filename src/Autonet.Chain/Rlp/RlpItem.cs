using System.Numerics;

namespace Autonet.Chain.Rlp;

/// <summary>A decoded RLP item: either a byte string (<see cref="Bytes"/>) or a list (<see cref="Items"/>).</summary>
public sealed class RlpItem
{
    private RlpItem(byte[]? bytes, IReadOnlyList<RlpItem>? items)
    {
        _bytes = bytes;
        _items = items;
    }

    private readonly byte[]? _bytes;
    private readonly IReadOnlyList<RlpItem>? _items;

    /// <summary>True for a list, false for a byte string.</summary>
    public bool IsList => _items is not null;

    /// <summary>The byte string. Read-only by contract: the decoder shares the arrays of empty and one-byte strings.</summary>
    /// <exception cref="InvalidOperationException">The item is a list.</exception>
    public byte[] Bytes => _bytes ?? throw new InvalidOperationException("RLP item is a list, not a byte string");

    /// <summary>The list's items.</summary>
    /// <exception cref="InvalidOperationException">The item is a byte string.</exception>
    public IReadOnlyList<RlpItem> Items => _items ?? throw new InvalidOperationException("RLP item is a byte string, not a list");

    /// <summary>The byte string read as a big-endian unsigned integer.</summary>
    public BigInteger AsInteger() => new(Bytes, isUnsigned: true, isBigEndian: true);

    public static RlpItem FromBytes(byte[] bytes) => new(bytes, null);

    public static RlpItem FromList(IReadOnlyList<RlpItem> items) => new(null, items);

    // The decoder shares these: a list of one-byte or empty items then costs 8 bytes (one reference) per input byte
    // instead of about 60 (an item plus a one-byte array). Bytes hands out the array itself, so a caller that keeps
    // one beyond the decode (a transaction's data) copies it.
    internal static RlpItem EmptyBytes { get; } = new([], null);

    internal static RlpItem EmptyList { get; } = new(null, Array.Empty<RlpItem>());

    internal static RlpItem SingleByte(byte value) => SingleBytes[value];

    private static readonly RlpItem[] SingleBytes = [.. Enumerable.Range(0, 0x80).Select(b => new RlpItem([(byte)b], null))];
}
