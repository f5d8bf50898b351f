using System.Buffers.Binary;
using System.Text;
using Autonet.Data.Screen;

namespace Autonet.Fuzz.Targets.Screen;

/// <summary>XAuthority.Find on an Xauthority file's bytes: never throws; a cookie it finds is the MIT-MAGIC-COOKIE-1.</summary>
internal sealed class XAuthorityTarget : FuzzTarget
{
    public override string Name => "xauthority";

    public override string Decoder => "XAuthority.Find";

    public override void Run(byte[] input)
    {
        if (XAuthority.Find(input, 0, "fuzzhost") is { } found && (found.Name != XAuthority.CookieName || found.Data.Length > input.Length))
        {
            throw new InvalidOperationException($"found {found.Name} of {found.Data.Length} bytes in {input.Length}");
        }
    }

    public override IEnumerable<byte[]> Seeds()
    {
        yield return [.. Record(256, "fuzzhost", "0", new byte[16]), .. Record(65535, "", "", new byte[16])];
        yield return Record(256, "otherhost", "0", new byte[16]);
        yield return Record(65535, "", "1", new byte[16]);
    }

    // family (CARD16), then address, display number, auth name and data, each a big-endian CARD16 length and its bytes.
    private static byte[] Record(ushort family, string address, string display, byte[] cookie)
    {
        using var stream = new MemoryStream();
        void Field(byte[] bytes)
        {
            var length = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)bytes.Length);
            stream.Write(length);
            stream.Write(bytes);
        }
        var head = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(head, family);
        stream.Write(head);
        Field(Encoding.ASCII.GetBytes(address));
        Field(Encoding.ASCII.GetBytes(display));
        Field(Encoding.ASCII.GetBytes(XAuthority.CookieName));
        Field(cookie);
        return stream.ToArray();
    }
}
