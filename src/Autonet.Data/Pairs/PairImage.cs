using SkiaSharp;

namespace Autonet.Data.Pairs;

/// <summary>Grey pixels as an 8-bit greyscale PNG (SkiaSharp's encoder).</summary>
public static class PairImage
{
    public static byte[] EncodePng(byte[] grey, int size)
    {
        ArgumentNullException.ThrowIfNull(grey);
        if (grey.Length != size * size)
        {
            Errors.Option("pixels", grey.Length, $"must be size² = {size * size}");
        }
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Gray8, SKAlphaType.Opaque));
        grey.CopyTo(bitmap.GetPixelSpan());
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
