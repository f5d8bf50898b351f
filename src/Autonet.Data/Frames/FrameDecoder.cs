// PNG/JPEG bytes -> the grey pixels of one frame for the image encoder: decoded by SkiaSharp (codec first, so a
// header claiming more than MaxPixels is refused before any pixel is decoded), truncation reported by the codec
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
        var info = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var full = new SKBitmap(info);
        var result = codec.GetPixels(info, full.GetPixels());
        if (result != SKCodecResult.Success)
        {
            reason = result == SKCodecResult.IncompleteInput ? $"truncated {codec.EncodedFormat} ({bytes.Length} bytes for {w}x{h})" : $"{codec.EncodedFormat} data is corrupt ({result})";
            return FrameDecodeResult.Truncated;
        }
        using var small = full.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        pixels = new float[size * size];
        var rgba = small.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i++)
        {
            var luma = ((0.299f * rgba[4 * i]) + (0.587f * rgba[(4 * i) + 1]) + (0.114f * rgba[(4 * i) + 2])) / 255f; // Rec. 601
            pixels[i] = (luma - FashionMnist.TrainMean) / FashionMnist.TrainStd;
        }
        reason = "";
        return FrameDecodeResult.Ok;
    }
}
