// PNG/JPEG bytes -> the grey pixels of one frame for the image encoder: decoded by SkiaSharp (codec first, so a
// header claiming more than MaxPixels, or a PNG claiming more pixels than its bytes can hold, is refused before any
// pixel is decoded: deflate expands at most 1032:1 (RFC 1951: a 258-byte match costs at least 2 bits) and a PNG pixel
// takes at least 1 bit, so N bytes hold under 8,256·N pixels, and the decode buffer is bounded by the input),
// truncation reported by the codec
// (IncompleteInput) rather than decoded as grey, resized to size × size (bilinear), turned to grey by Rec. 601 luma,
// and standardized as the encoder was trained (Fashion-MNIST's train mean and std: FashionMnist.TrainMean/TrainStd).
using Autonet.Data.Images;
using SkiaSharp;

namespace Autonet.Data.Frames;

/// <summary>Decodes one untrusted frame image; a bad one gets a reason, never an exception.</summary>
public static class FrameDecoder
{
    /// <summary>Largest image decoded: 16 megapixels.</summary>
    public const long MaxPixels = 16L << 20;

    /// <summary>Most pixels a PNG can hold per byte of file: 8 one-bit pixels per decompressed byte, 1032 of those per deflate byte.</summary>
    public const long MaxPngPixelsPerByte = 8 * 1032;

    /// <summary>(size·size) standardized grey pixels, row-major; or a reason and why it was refused.</summary>
    public static FrameDecodeResult TryDecode(ReadOnlySpan<byte> bytes, int size, out float[] pixels, out string reason)
    {
        if (size is < 8 or > 1024)
        {
            Errors.Option("frame_size", size, "must be in 8..1024");
        }
        pixels = [];
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            reason = $"not an image ({bytes.Length} bytes, starting {Convert.ToHexString(bytes[..Math.Min(8, bytes.Length)])})";
            return FrameDecodeResult.NotImage;
        }
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg))
        {
            reason = $"a {codec.EncodedFormat} image; frames are PNG or JPEG";
            return FrameDecodeResult.OtherFormat;
        }
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        if (w <= 0 || h <= 0 || (long)w * h > MaxPixels)
        {
            reason = $"{w}x{h} pixels; at most {MaxPixels} are decoded";
            return FrameDecodeResult.TooLarge;
        }
        if (codec.EncodedFormat == SKEncodedImageFormat.Png && (long)w * h > MaxPngPixelsPerByte * bytes.Length)
        {
            reason = $"a PNG of {bytes.Length} bytes cannot hold {w}x{h} pixels (at most {MaxPngPixelsPerByte} a byte: deflate expands at most 1032:1)";
            return FrameDecodeResult.TooLarge;
        }
        var info = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var full = new SKBitmap(info);
        var result = codec.GetPixels(info, full.GetPixels());
        if (result != SKCodecResult.Success)
        {
            reason = result == SKCodecResult.IncompleteInput ? $"truncated {codec.EncodedFormat} ({bytes.Length} bytes for {w}x{h})" : $"{codec.EncodedFormat} data is corrupt ({result})";
            return FrameDecodeResult.Truncated;
        }
        pixels = Standardized(full, size);
        reason = "";
        return FrameDecodeResult.Ok;
    }

    /// <summary>(size·size) standardized grey pixels of a width × height B, G, R, A image (a live screen grab).</summary>
    public static float[] FromBgra(ReadOnlySpan<byte> bgra, int width, int height, int size)
    {
        if (size is < 8 or > 1024)
        {
            Errors.Option("frame_size", size, "must be in 8..1024");
        }
        if (width < 1 || height < 1 || (long)width * height > MaxPixels || bgra.Length != width * height * 4)
        {
            Errors.Option("pixels", bgra.Length, $"must be 4 bytes a pixel of a {width}x{height} image of at most {MaxPixels} pixels");
        }
        using var full = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        bgra.CopyTo(full.GetPixelSpan());
        return Standardized(full, size);
    }

    /// <summary>Grey bytes (0..255) of standardized pixels: the inverse of the standardization, rounded.</summary>
    public static byte[] ToGrey(ReadOnlySpan<float> pixels)
    {
        var grey = new byte[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            grey[i] = (byte)Math.Clamp(MathF.Round(((pixels[i] * FashionMnist.TrainStd) + FashionMnist.TrainMean) * 255f), 0f, 255f);
        }
        return grey;
    }

    // Bilinear resize to size × size, Rec. 601 luma, standardized as the encoder was trained.
    private static float[] Standardized(SKBitmap full, int size)
    {
        using var small = full.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        var pixels = new float[size * size];
        var rgba = small.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i++)
        {
            var luma = ((0.299f * rgba[4 * i]) + (0.587f * rgba[(4 * i) + 1]) + (0.114f * rgba[(4 * i) + 2])) / 255f; // Rec. 601
            pixels[i] = (luma - FashionMnist.TrainMean) / FashionMnist.TrainStd;
        }
        return pixels;
    }
}
