using Autonet.Core.Codecs;
using Autonet.Core.Hashing;

namespace Autonet.Core.Ids;

/// <summary>
/// A content id: CIDv1, raw codec (0x55), sha2-256 multihash (0x12, 32 bytes), multibase base32 lower ('b'),
/// so every id reads "bafkrei…" and an IPFS node serves the same bytes under it. Other codecs and hashes are rejected.
/// </summary>
public readonly record struct ContentId
{
    // CIDv1 binary: varint version 1, varint codec 0x55 (raw), multihash: 0x12 (sha2-256), 0x20 (32 bytes).
    private static readonly byte[] Prefix = [0x01, 0x55, 0x12, 0x20];

    private const int TextLength = 59;

    /// <summary>Wraps a SHA-256 digest.</summary>
    public ContentId(Hash32 digest) => Digest = digest;

    /// <summary>The SHA-256 of the content.</summary>
    public Hash32 Digest { get; }

    /// <summary>The id of <paramref name="content"/>.</summary>
    public static ContentId Of(ReadOnlySpan<byte> content) => new(Sha256.Hash(content));

    /// <summary>The binary CID (36 bytes).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Prefix.Length + Hash32.Length];
        Prefix.CopyTo(bytes, 0);
        Digest.CopyTo(bytes.AsSpan(Prefix.Length));
        return bytes;
    }

    /// <summary>True when <paramref name="content"/> hashes to this id.</summary>
    public bool Matches(ReadOnlySpan<byte> content) => Sha256.Hash(content) == Digest;

    /// <summary>Parses "bafkrei…".</summary>
    /// <exception cref="FormatException">Not a base32 CIDv1 with the raw codec and a sha2-256 multihash.</exception>
    public static ContentId Parse(string text)
    {
        if (!TryParse(text, out var id, out var problem))
        {
            Errors.Format("content id", text ?? "", problem);
        }

        return id;
    }

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse(string? text, out ContentId id) => TryParse(text, out id, out _);

    private static bool TryParse(string? text, out ContentId id, out string problem)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text[0] != 'b')
        {
            problem = "a CIDv1 starts with the multibase prefix 'b' (base32 lower)";
            return false;
        }

        // 36 bytes are 58 base32 characters: refuse any other length before decoding (a stranger's megabyte of text).
        if (text.Length != TextLength)
        {
            problem = $"a sha2-256 raw CIDv1 is {TextLength} characters (bafkrei…), got {text.Length}";
            return false;
        }

        if (!Base32.TryDecode(text.AsSpan(1), out var bytes))
        {
            problem = "not lower-case RFC 4648 base32 after the 'b' prefix";
            return false;
        }

        if (bytes.Length != Prefix.Length + Hash32.Length || !bytes.AsSpan(0, Prefix.Length).SequenceEqual(Prefix))
        {
            problem = "expected CIDv1 with raw codec 0x55 and a 32-byte sha2-256 multihash (bafkrei…)";
            return false;
        }

        id = new ContentId(new Hash32(bytes.AsSpan(Prefix.Length)));
        problem = "";
        return true;
    }

    /// <summary>"b" + base32 of the binary CID.</summary>
    public override string ToString() => "b" + Base32.Encode(ToBytes());
}
