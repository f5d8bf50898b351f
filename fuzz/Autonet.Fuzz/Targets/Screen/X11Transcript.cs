// What an X server sends a capture client (X11 protocol, Appendix B "Connection Setup" and "Requests"), written for
// the fuzz targets' seeds: a setup reply of one TrueColor screen, then the replies to the capture session's requests
// in order (InternAtom, QueryTree, GetWindowAttributes, GetProperty, GetGeometry, GetImage), each with its sequence
// number; optionally a core event and a GenericEvent before a reply. Little-endian, as the client asks ('l').
using System.Buffers.Binary;
using System.Text;

namespace Autonet.Fuzz.Targets.Screen;

internal sealed class X11Transcript
{
    private readonly List<byte> _bytes = [];
    private ushort _sequence;

    /// <summary>A successful setup: vendor "Fuzz", depth 24 at 32 bits a pixel, one width × height screen, root 0x100, visual 0x21.</summary>
    public static byte[] SetupBody(int width, int height)
    {
        var b = new byte[32 + 4 + 8 + 40 + 8 + 24];
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(16), 4); // vendor length
        b[20] = 1; // screens
        b[21] = 1; // pixmap formats
        "Fuzz"u8.CopyTo(b.AsSpan(32));
        (b[36], b[37], b[38]) = (24, 32, 32); // depth 24, 32 bits a pixel, scanline pad 32
        var s = 44;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(s), 0x100); // root
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(s + 20), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(s + 22), (ushort)height);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(s + 32), 0x21); // root visual
        (b[s + 38], b[s + 39]) = (24, 1); // root depth, one DEPTH
        var d = s + 40;
        b[d] = 24;
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(d + 2), 1); // one VISUALTYPE
        var v = d + 8;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(v), 0x21);
        b[v + 4] = 4; // TrueColor
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(v + 8), 0xFF0000);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(v + 12), 0xFF00);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(v + 16), 0xFF);
        return b;
    }

    /// <summary>The 8-byte head (success 1, protocol 11.0, length in 4-byte units) and the body.</summary>
    public X11Transcript Setup(byte[] body)
    {
        var head = new byte[8];
        head[0] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(2), 11);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(6), (ushort)(body.Length / 4));
        _bytes.AddRange(head);
        _bytes.AddRange(body);
        return this;
    }

    /// <summary>A refused setup (status 0) with its reason.</summary>
    public X11Transcript Refused(string reason)
    {
        var text = Encoding.ASCII.GetBytes(reason);
        var padded = new byte[(text.Length + 3) & ~3];
        text.CopyTo(padded, 0);
        var head = new byte[8];
        head[1] = (byte)text.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(2), 11);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(6), (ushort)(padded.Length / 4));
        _bytes.AddRange(head);
        _bytes.AddRange(padded);
        return this;
    }

    /// <summary>An Expose event (12) and a GenericEvent (35) with 8 extra bytes, as an unsolicited server might send.</summary>
    public X11Transcript Events()
    {
        var expose = new byte[32];
        expose[0] = 12;
        _bytes.AddRange(expose);
        var generic = new byte[32 + 8];
        generic[0] = 35;
        BinaryPrimitives.WriteUInt32LittleEndian(generic.AsSpan(4), 2);
        _bytes.AddRange(generic);
        return this;
    }

    /// <summary>InternAtom's reply: the atom.</summary>
    public X11Transcript Atom(uint atom) => Reply(0, [], head => BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(8), atom));

    /// <summary>QueryTree's reply: root, parent 0, the children.</summary>
    public X11Transcript Tree(params uint[] children)
    {
        var data = new byte[children.Length * 4];
        for (var i = 0; i < children.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4 * i), children[i]);
        }
        return Reply(0, data, head =>
        {
            BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(8), 0x100);
            BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(16), (ushort)children.Length);
        });
    }

    /// <summary>GetWindowAttributes' reply (12 extra bytes): map-state 2 (Viewable) or 0 (Unmapped).</summary>
    public X11Transcript Attributes(bool viewable) => Reply(0, new byte[12], head => head[26] = (byte)(viewable ? 2 : 0));

    /// <summary>GetProperty's reply: an 8-bit STRING value, or none (format 0).</summary>
    public X11Transcript Property(string? value)
    {
        var bytes = value is null ? [] : Encoding.UTF8.GetBytes(value);
        var data = new byte[(bytes.Length + 3) & ~3];
        bytes.CopyTo(data, 0);
        return Reply((byte)(value is null ? 0 : 8), data, head =>
        {
            BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(8), value is null ? 0u : 31u); // type STRING
            BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(16), (uint)bytes.Length);
        });
    }

    /// <summary>GetGeometry's reply: depth 24, root, x, y, width, height.</summary>
    public X11Transcript Geometry(int width, int height) => Reply(24, [], head =>
    {
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(8), 0x100);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(16), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(18), (ushort)height);
    });

    /// <summary>GetImage's reply: depth 24, visual 0x21, width × height pixels of 32 bits (B, G, R, pad), a gradient.</summary>
    public X11Transcript Image(int width, int height)
    {
        var data = new byte[width * height * 4];
        for (var i = 0; i < width * height; i++)
        {
            (data[4 * i], data[(4 * i) + 1], data[(4 * i) + 2]) = ((byte)(i * 7), (byte)(i * 3), (byte)i);
        }
        return Reply(24, data, head => BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(8), 0x21));
    }

    /// <summary>An error (code) in answer to the next request.</summary>
    public X11Transcript Error(byte code)
    {
        var head = new byte[32];
        head[1] = code;
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(2), ++_sequence);
        _bytes.AddRange(head);
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    private X11Transcript Reply(byte data1, byte[] extra, Action<byte[]> fill)
    {
        var head = new byte[32];
        head[0] = 1;
        head[1] = data1;
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(2), ++_sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(4), (uint)(extra.Length / 4));
        fill(head);
        _bytes.AddRange(head);
        _bytes.AddRange(extra);
        return this;
    }
}
