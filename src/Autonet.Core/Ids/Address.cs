using System.Buffers.Binary;
using Autonet.Core.Codecs;
using Autonet.Core.Hashing;

namespace Autonet.Core.Ids;

/// <summary>
/// A 20-byte Ethereum account address. Formats with the EIP-55 mixed-case checksum;
/// parsing accepts all-lower or all-upper hex as unchecked, and checks mixed case against EIP-55.
/// </summary>
public readonly record struct Address
{
    /// <summary>Length in bytes.</summary>
    public const int Length = 20;

    private readonly ulong _w0, _w1;
    private readonly uint _w2;

    /// <summary>Copies exactly 20 bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 20 bytes long.</exception>
    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            Errors.Length(nameof(bytes), bytes.Length, Length);
        }

        _w0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _w1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _w2 = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    /// <summary>The zero address.</summary>
    public static Address Zero => default;

    /// <summary>Writes the 20 bytes into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _w2);
    }

    /// <summary>The 20 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>The address of an uncompressed secp256k1 public key (64 bytes, X ‖ Y): the last 20 bytes of its Keccak-256.</summary>
    public static Address FromPublicKey(ReadOnlySpan<byte> publicKeyXy)
    {
        if (publicKeyXy.Length != 64)
        {
            Errors.Length(nameof(publicKeyXy), publicKeyXy.Length, 64);
        }

        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(publicKeyXy).CopyTo(hash);
        return new Address(hash[12..]);
    }

    /// <summary>Parses "0x" + 40 hex digits.</summary>
    /// <exception cref="FormatException">Not 20 bytes of hex, or mixed case that fails the EIP-55 checksum.</exception>
    public static Address Parse(string text)
    {
        if (!TryParse(text, out var address, out var problem))
        {
            Errors.Format("address", text ?? "", problem);
        }

        return address;
    }

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse(string? text, out Address address) => TryParse(text, out address, out _);

    private static bool TryParse(string? text, out Address address, out string problem)
    {
        address = default;
        if (!Hex.TryDecode(text, out var bytes, out problem))
        {
            return false;
        }

        if (bytes.Length != Length)
        {
            problem = $"expected 20 bytes (40 hex digits), got {bytes.Length}";
            return false;
        }

        address = new Address(bytes);
        var body = text!.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        var mixed = body.Any(char.IsUpper) && body.Any(char.IsLower);
        if (mixed && !string.Equals(address.ToString()[2..], body, StringComparison.Ordinal))
        {
            problem = $"EIP-55 checksum mismatch (expected {address})";
            address = default;
            return false;
        }

        return true;
    }

    /// <summary>"0x" + 40 hex digits in EIP-55 mixed case.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        var lower = Hex.Encode(bytes, prefix: false);
        // EIP-55: upper-case the i-th letter when the i-th nibble of keccak(lowercase hex) is >= 8.
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(lower)).CopyTo(hash);
        var chars = lower.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var nibble = (i % 2 == 0) ? hash[i / 2] >> 4 : hash[i / 2] & 0xF;
            if (char.IsLetter(chars[i]) && nibble >= 8)
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
            }
        }

        return "0x" + new string(chars);
    }
}
