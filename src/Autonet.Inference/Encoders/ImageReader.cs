// PNG and JPEG bytes (from a request's base64) to the pixel floats an I-JEPA reads: decoded by SkiaSharp, refused
// before decoding when the header claims more than MaxPixels (a decompression bomb costs nothing then), resized to
// the model's square side, turned to grey by Rec. 601 luma for one channel (RGB kept for three), and standardized as
// Fashion-MNIST training was (Autonet.Data FashionMnist.Normalize).
using Autonet.Data.Images;
using Autonet.Models.Jepa;
using SkiaSharp;

namespace Autonet.Inference.Encoders;

/// <summary>Decodes untrusted images for an image model.</summary>
public static class ImageReader
{
    /// <summary>Largest decoded image accepted: 16 megapixels.</summary>
    public const long MaxPixels = 16L << 20;

    /// <summary>Pixels (Cin * S * S, channel-major) of a PNG or JPEG; false with the reason otherwise.</summary>
    public static bool TryRead(byte[] bytes, JepaConfig config, out float[] pixels, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(config);
        pixels = [];
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            reason = $"is not a PNG or JPEG image ({bytes.Length} bytes; starts with {Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)))})";
            return false;
        }
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg))
        {
            reason = $"is a {codec.EncodedFormat} image; send PNG or JPEG";
            return false;
        }
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        if ((long)w * h > MaxPixels || w <= 0 || h <= 0)
        {
            reason = $"is {w}x{h} pixels; at most {MaxPixels} pixels are decoded";
            return false;
        }
        using var decoded = SKBitmap.Decode(codec, new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        if (decoded is null)
        {
            reason = $"{codec.EncodedFormat} data of {w}x{h} pixels could not be decoded (truncated or corrupt)";
            return false;
        }
        var side = config.ImageSize;
        using var resized = decoded.Resize(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        if (resized is null)
        {
            reason = $"could not be resized from {w}x{h} to {side}x{side}";
            return false;
        }
        pixels = ToChannels(resized, config.InChannels, side);
        reason = null;
        return true;
    }

    private static float[] ToChannels(SKBitmap image, int channels, int side)
    {
        var plane = side * side;
        var bytes = new byte[channels * plane];
        var rgba = image.GetPixelSpan(); // (S, S, 4) RGBA
        for (var p = 0; p < plane; p++)
        {
            var (r, g, b) = (rgba[4 * p], rgba[(4 * p) + 1], rgba[(4 * p) + 2]);
            if (channels == 1)
            {
                bytes[p] = (byte)Math.Clamp(Math.Round((0.299 * r) + (0.587 * g) + (0.114 * b)), 0, 255); // ITU-R BT.601 luma
            }
            else
            {
                for (var c = 0; c < channels; c++)
                {
                    bytes[(c * plane) + p] = rgba[(4 * p) + Math.Min(c, 2)];
                }
            }
        }
        return FashionMnist.Normalize(bytes, PixelNormalization.Standardized);
    }
}
