// Parses the body of a successful connection-setup reply (X11 protocol, Appendix B "Connection Setup", the 8 bytes
// of header already read): fixed fields, vendor, pixmap FORMATs (8 bytes each), then SCREENs (40 bytes plus their
// DEPTHs, 8 bytes plus 24 a VISUALTYPE). Every count is checked against the bytes left before it is used, and a
// screen whose size no request could grab (0, or over the INT16 coordinate range) is refused.
using System.Buffers.Binary;
using System.Text;

namespace Autonet.Data.Screen;

internal static class X11SetupParser
{
    public static X11Setup Parse(byte[] body, X11Display display)
    {
        var b = body.AsSpan();
        Need(b, 0, 32, display, "fixed fields");
        var vendorLength = BinaryPrimitives.ReadUInt16LittleEndian(b[16..]);
        var screenCount = b[20];
        var formatCount = b[21];
        var imageMsbFirst = b[22] == 1;
        var offset = 32;
        Need(b, offset, vendorLength, display, "vendor");
        var vendor = Encoding.ASCII.GetString(b.Slice(offset, vendorLength));
        offset += (vendorLength + 3) & ~3;
        var formats = new Dictionary<int, (int, int)>();
        for (var i = 0; i < formatCount; i++, offset += 8)
        {
            Need(b, offset, 8, display, "pixmap format");
            formats[b[offset]] = (b[offset + 1], Math.Max((int)b[offset + 2], 8));
        }
        var screens = new List<X11Screen>();
        for (var s = 0; s < screenCount; s++)
        {
            Need(b, offset, 40, display, "screen");
            var root = BinaryPrimitives.ReadUInt32LittleEndian(b[offset..]);
            var width = BinaryPrimitives.ReadUInt16LittleEndian(b[(offset + 20)..]);
            var height = BinaryPrimitives.ReadUInt16LittleEndian(b[(offset + 22)..]);
            var rootVisual = BinaryPrimitives.ReadUInt32LittleEndian(b[(offset + 32)..]);
            if (width is < 1 or > 32767 || height is < 1 or > 32767)
            {
                // Coordinates are INT16 (protocol §2), so no real screen is wider; GetImage could not grab one.
                throw new InvalidDataException($"X server at {display}: screen {s} is {width}x{height} pixels; a screen's sides are 1..32767");
            }
            var rootDepth = b[offset + 38];
            var depthCount = b[offset + 39];
            offset += 40;
            (uint R, uint G, uint B) masks = default;
            for (var d = 0; d < depthCount; d++)
            {
                Need(b, offset, 8, display, "depth");
                var visualCount = BinaryPrimitives.ReadUInt16LittleEndian(b[(offset + 2)..]);
                offset += 8;
                for (var v = 0; v < visualCount; v++, offset += 24)
                {
                    Need(b, offset, 24, display, "visual");
                    if (BinaryPrimitives.ReadUInt32LittleEndian(b[offset..]) == rootVisual)
                    {
                        masks = (BinaryPrimitives.ReadUInt32LittleEndian(b[(offset + 8)..]), BinaryPrimitives.ReadUInt32LittleEndian(b[(offset + 12)..]), BinaryPrimitives.ReadUInt32LittleEndian(b[(offset + 16)..]));
                    }
                }
            }
            screens.Add(new X11Screen(root, width, height, rootDepth, rootVisual, masks.R, masks.G, masks.B));
        }
        return new X11Setup(imageMsbFirst, formats, screens, vendor);
    }

    private static void Need(ReadOnlySpan<byte> body, int offset, int count, X11Display display, string what)
    {
        if (offset + count > body.Length)
        {
            throw new InvalidDataException($"X server at {display}: setup reply cut short in its {what} ({body.Length} bytes, need {offset + count})");
        }
    }
}
