using Autonet.Data.Frames;
using SkiaSharp;

namespace Autonet.Fuzz.Targets.Screen;

/// <summary>FrameDecoder.TryDecode (PNG/JPEG frame files, through SkiaSharp): never throws; a decoded frame is 16² finite pixels, a refusal has its reason.</summary>
internal sealed class FrameTarget : FuzzTarget
{
    public override string Name => "frame";

    public override string Decoder => "FrameDecoder.TryDecode";

    public override void Run(byte[] input)
    {
        var result = FrameDecoder.TryDecode(input, 16, out var pixels, out var reason);
        if (result == FrameDecodeResult.Ok ? pixels.Length != 256 || pixels.Any(p => !float.IsFinite(p)) : reason.Length == 0)
        {
            throw new InvalidOperationException($"{result}: {pixels.Length} pixels, reason '{reason}'");
        }
    }

    public override IEnumerable<byte[]> Seeds()
    {
        using var bitmap = new SKBitmap(12, 9);
        for (var y = 0; y < 9; y++)
        {
            for (var x = 0; x < 12; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 20), (byte)(y * 28), 90));
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        foreach (var format in new[] { SKEncodedImageFormat.Png, SKEncodedImageFormat.Jpeg })
        {
            using var data = image.Encode(format, 80);
            yield return data.ToArray();
        }
    }
}
