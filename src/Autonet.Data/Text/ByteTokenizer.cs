// Byte-level tokenizer: UTF-8 bytes shifted by 4 special ids, vocabulary 260 (seed 001: "4 special + 256
// bytes", matching VLJEPAConfig.vocab_size=260). Any string round-trips exactly; there is no merge table,
// so sequences are as long as the UTF-8 text (about 1 token per ASCII character).
using System.Text;

namespace Autonet.Data.Text;

/// <summary>Ids: 0 PAD, 1 BOS, 2 EOS, 3 MASK, then byte b is id b + 4 (so 4..259).</summary>
public static class ByteTokenizer
{
    /// <summary>Padding after the end of a sequence; attention mask 0 there.</summary>
    public const int Pad = 0;

    /// <summary>Begin of a document.</summary>
    public const int Bos = 1;

    /// <summary>End of a document.</summary>
    public const int Eos = 2;

    /// <summary>Mask token, for models that replace masked inputs by an id rather than drop them.</summary>
    public const int Mask = 3;

    /// <summary>Number of special ids before the bytes.</summary>
    public const int SpecialCount = 4;

    public const int VocabSize = SpecialCount + 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Token ids of a string's UTF-8 bytes, optionally wrapped in BOS ... EOS.</summary>
    public static int[] Encode(string text, bool addBosEos = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        return EncodeBytes(StrictUtf8.GetBytes(text), addBosEos);
    }

    /// <summary>Token ids of raw bytes, optionally wrapped in BOS ... EOS.</summary>
    public static int[] EncodeBytes(ReadOnlySpan<byte> bytes, bool addBosEos = false)
    {
        var offset = addBosEos ? 1 : 0;
        var ids = new int[bytes.Length + (2 * offset)];
        if (addBosEos)
        {
            ids[0] = Bos;
            ids[^1] = Eos;
        }
        for (var i = 0; i < bytes.Length; i++)
        {
            ids[i + offset] = bytes[i] + SpecialCount;
        }
        return ids;
    }

    /// <summary>Bytes of the byte ids; special ids are skipped.</summary>
    /// <exception cref="ArgumentOutOfRangeException">an id outside 0..259</exception>
    public static byte[] DecodeBytes(ReadOnlySpan<int> ids)
    {
        var bytes = new List<byte>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if ((uint)id >= VocabSize)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"token id at position {i} must be in 0..{VocabSize - 1}");
            }
            if (id >= SpecialCount)
            {
                bytes.Add((byte)(id - SpecialCount));
            }
        }
        return [.. bytes];
    }

    /// <summary>Text of the byte ids (special ids skipped); invalid UTF-8, as from a window cut mid-character, becomes U+FFFD.</summary>
    public static string Decode(ReadOnlySpan<int> ids) => Encoding.UTF8.GetString(DecodeBytes(ids));
}
