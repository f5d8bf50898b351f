// One GetImage reply in ZPixmap format (X11 protocol §9, GetImage; §8 on pixmap formats): rows of Stride bytes, each
// pixel BitsPerPixel wide in the server's image byte order, with the visual's colour masks. ToBgra turns 24/32-bit
// TrueColor pixels into B, G, R, 255 bytes; other depths (8-bit pseudo-colour, 16-bit) are refused with the reason.
using System.Buffers.Binary;
using System.Numerics;

namespace Autonet.Data.Screen;

/// <summary>Pixels of a drawable as the X server sent them.</summary>
public sealed record X11Image(int Width, int Height, int Depth, int BitsPerPixel, int Stride, bool MsbFirst, uint RedMask, uint GreenMask, uint BlueMask, byte[] Data)
{
    /// <summary>Width·Height pixels as B, G, R, A bytes (A = 255), row-major without padding.</summary>
    /// <exception cref="NotSupportedException">the pixels are not 32-bit TrueColor with 8-bit channels</exception>
    public byte[] ToBgra()
    {
        if (BitsPerPixel != 32 || Depth is not (24 or 32) || !Is8Bit(RedMask) || !Is8Bit(GreenMask) || !Is8Bit(BlueMask))
        {
            throw new NotSupportedException($"X image of depth {Depth}, {BitsPerPixel} bits a pixel, masks {RedMask:x}/{GreenMask:x}/{BlueMask:x}: only 24- or 32-bit TrueColor with 8-bit channels is captured (run the X server at depth 24)");
        }
        var (r, g, b) = (BitOperations.TrailingZeroCount(RedMask), BitOperations.TrailingZeroCount(GreenMask), BitOperations.TrailingZeroCount(BlueMask));
        var bgra = new byte[Width * Height * 4];
        for (var y = 0; y < Height; y++)
        {
            var row = Data.AsSpan(y * Stride, Width * 4);
            for (var x = 0; x < Width; x++)
            {
                var pixel = MsbFirst ? BinaryPrimitives.ReadUInt32BigEndian(row[(4 * x)..]) : BinaryPrimitives.ReadUInt32LittleEndian(row[(4 * x)..]);
                var o = ((y * Width) + x) * 4;
                bgra[o] = (byte)(pixel >> b);
                bgra[o + 1] = (byte)(pixel >> g);
                bgra[o + 2] = (byte)(pixel >> r);
                bgra[o + 3] = 255;
            }
        }
        return bgra;
    }

    private static bool Is8Bit(uint mask) => mask != 0 && BitOperations.PopCount(mask) == 8 && (mask >> BitOperations.TrailingZeroCount(mask)) == 0xFF;
}
