using System.Buffers.Binary;

namespace Autonet.Data.Tests.Screen;

/// <summary>
/// The test oracle for our GetImage: an XWD dump (the X Window Dump format of `xwd`, X11/XWDFile.h: a big-endian
/// header of 25 CARD32s, the window name, ncolors 12-byte colours, then the ZPixmap rows) read into B, G, R, 255
/// pixels. Only 32 bits a pixel, as Xvfb at depth 24 writes.
/// </summary>
internal static class XwdFile
{
    public static (int Width, int Height, byte[] Bgra) Read(byte[] file)
    {
        uint Field(int i) => BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(4 * i));
        var (headerSize, width, height, byteOrder, bitsPerPixel, bytesPerLine) = ((int)Field(0), (int)Field(4), (int)Field(5), Field(7), Field(11), (int)Field(12));
        var (red, green, blue, colours) = (Field(14), Field(15), Field(16), (int)Field(19));
        Assert.Equal(7u, Field(1)); // XWD_FILE_VERSION
        Assert.Equal(32u, bitsPerPixel);
        var offset = headerSize + (colours * 12);
        var bgra = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var at = file.AsSpan(offset + (y * bytesPerLine) + (4 * x));
                var pixel = byteOrder == 0 ? BinaryPrimitives.ReadUInt32LittleEndian(at) : BinaryPrimitives.ReadUInt32BigEndian(at);
                var o = ((y * width) + x) * 4;
                bgra[o] = (byte)(pixel >> System.Numerics.BitOperations.TrailingZeroCount(blue));
                bgra[o + 1] = (byte)(pixel >> System.Numerics.BitOperations.TrailingZeroCount(green));
                bgra[o + 2] = (byte)(pixel >> System.Numerics.BitOperations.TrailingZeroCount(red));
                bgra[o + 3] = 255;
            }
        }
        return (width, height, bgra);
    }
}
