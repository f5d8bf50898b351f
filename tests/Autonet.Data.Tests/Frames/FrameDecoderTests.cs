using System.Buffers.Binary;
using Autonet.Data.Frames;
using SkiaSharp;

namespace Autonet.Data.Tests.Frames;

/// <summary>FrameDecoder on a stranger's files: a header that claims more than the bytes can hold is refused before decoding.</summary>
public sealed class FrameDecoderTests
{
    [Fact]
    public void TryDecode_PngClaimingMorePixelsThanItsBytesHold_TooLargeBeforeDecoding()
    {
        var png = Png(8, 8);
        var claimed = WithSize(png, 3000, 3000); // 9 Mpixel (under MaxPixels) in a file of under 100 bytes

        var result = FrameDecoder.TryDecode(claimed, 16, out var pixels, out var reason);

        Assert.Equal(FrameDecodeResult.TooLarge, result);
        Assert.Empty(pixels);
        Assert.Contains($"a PNG of {claimed.Length} bytes cannot hold 3000x3000 pixels", reason, StringComparison.Ordinal);
        Assert.Equal(FrameDecodeResult.Ok, FrameDecoder.TryDecode(png, 16, out _, out _)); // the control: the true header decodes
    }

    [Fact]
    public void TryDecode_UniformPngAtTheDeflateLimit_Decodes()
    {
        // A uniform image compresses as far as PNG goes, yet stays inside the bound: 1024 x 1024 of one grey.
        var png = Png(1024, 1024);

        Assert.True((long)1024 * 1024 <= FrameDecoder.MaxPngPixelsPerByte * png.Length, $"{png.Length} bytes");
        Assert.Equal(FrameDecodeResult.Ok, FrameDecoder.TryDecode(png, 16, out var pixels, out _));
        Assert.Equal(256, pixels.Length);
    }

    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.Gray);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    // The PNG with its IHDR width and height replaced and the chunk's CRC recomputed (PNG spec §5.3: CRC-32 of type + data).
    private static byte[] WithSize(byte[] png, int width, int height)
    {
        var copy = (byte[])png.Clone();
        const int type = 12, data = 16; // after the 8-byte signature: length (4), "IHDR" (4), then 13 bytes of data
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(data), width);
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(data + 4), height);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(data + 13), Crc32(copy.AsSpan(type, 4 + 13)));
        return copy;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
