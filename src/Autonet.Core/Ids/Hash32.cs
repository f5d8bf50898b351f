using System.Buffers.Binary;
using Autonet.Core.Codecs;

namespace Autonet.Core.Ids;

/// <summary>
/// A 32-byte digest (Keccak-256, SHA-256) compared by value; formats as "0x" + 64 lower-case hex digits.
/// Stored as four big-endian words so equality and ordering are cheap and match byte order.
/// </summary>
public readonly record struct Hash32 : IComparable<Hash32>
{
    /// <summary>Length in bytes.</summary>
    public const int Length = 32;

    private readonly ulong _w0, _w1, _w2, _w3;

    /// <summary>Copies exactly 32 bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            Errors.Length(nameof(bytes), bytes.Length, Length);
        }

        _w0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _w1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _w2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _w3 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>The all-zero hash.</summary>
    public static Hash32 Zero => default;

    /// <summary>Writes the 32 bytes into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _w2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _w3);
    }

    /// <summary>The 32 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Parses 64 hex digits, with or without "0x".</summary>
    /// <exception cref="FormatException">Not hex, or not 32 bytes.</exception>
    public static Hash32 Parse(string text)
    {
        if (!TryParse(text, out var hash, out var problem))
        {
            Errors.Format("hash", text ?? "", problem);
        }

        return hash;
    }

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse(string? text, out Hash32 hash) => TryParse(text, out hash, out _);

    private static bool TryParse(string? text, out Hash32 hash, out string problem)
    {
        hash = default;
        if (!Hex.TryDecode(text, out var bytes, out problem))
        {
            return false;
        }

        if (bytes.Length != Length)
        {
            problem = $"expected 32 bytes (64 hex digits), got {bytes.Length}";
            return false;
        }

        hash = new Hash32(bytes);
        return true;
    }

    /// <inheritdoc/>
    public int CompareTo(Hash32 other)
    {
        var c = _w0.CompareTo(other._w0);
        if (c == 0)
        {
            c = _w1.CompareTo(other._w1);
        }

        if (c == 0)
        {
            c = _w2.CompareTo(other._w2);
        }

        return c != 0 ? c : _w3.CompareTo(other._w3);
    }

    public static bool operator <(Hash32 left, Hash32 right) => left.CompareTo(right) < 0;

    public static bool operator >(Hash32 left, Hash32 right) => left.CompareTo(right) > 0;

    public static bool operator <=(Hash32 left, Hash32 right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Hash32 left, Hash32 right) => left.CompareTo(right) >= 0;

    /// <summary>"0x" + 64 lower-case hex digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Hex.Encode(bytes);
    }
}
