using Autonet.Data.Feed;
using Autonet.Data.Frames;
using Autonet.Data.Tests.Feed;
using SkiaSharp;

namespace Autonet.Data.Tests.Frames;

public sealed class FrameFolderSourceTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FeedFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Frames => Path.Combine(_files.Root, "frames");

    private FrameSourceConfig Config(bool consent = true, double fps = 1, params string[] exclusions) =>
        new() { ScreenCapture = consent, FramesDirectory = Frames, FpsCap = fps, FrameSize = 16, ExclusionPatterns = exclusions };

    [Fact]
    public void Poll_PngAndJpeg_DecodedResizedAndNormalized()
    {
        Write("white.png", Image(SKColors.White, 40, 30, SKEncodedImageFormat.Png), T0);
        Write("black.jpg", Image(SKColors.Black, 64, 64, SKEncodedImageFormat.Jpeg), T0.AddSeconds(2));
        using var buffer = FeedBuffer.Open(_files.Database);
        var source = new FrameFolderSource(Config());

        Assert.Equal(2, source.Poll(buffer));
        var frames = buffer.Frames(T0.AddSeconds(-1), T0.AddSeconds(3));
        Assert.Equal(["frames/white.png", "frames/black.jpg"], frames.Select(f => f.Source));
        Assert.All(frames, f => Assert.Equal(16 * 16, f.Pixels.Length));
        Assert.All(frames[0].Pixels, p => Assert.Equal((1 - 0.2860f) / 0.3530f, p, 2));
        Assert.All(frames[1].Pixels, p => Assert.Equal(-0.2860f / 0.3530f, p, 1));
        Assert.Equal(T0, frames[0].Captured);
        Assert.Equal(0, source.Poll(buffer)); // each file once
    }

    [Fact]
    public void Poll_BadFiles_CountedWithReasonAndSkipped()
    {
        var png = Image(SKColors.Gray, 32, 32, SKEncodedImageFormat.Png);
        Write("cut.png", png[..(png.Length / 2)], T0);
        Write("notes.txt", "not a picture"u8.ToArray(), T0.AddSeconds(2));
        Write("ok.png", png, T0.AddSeconds(4));
        using var buffer = FeedBuffer.Open(_files.Database);
        var source = new FrameFolderSource(Config());

        Assert.Equal(1, source.Poll(buffer));
        Assert.Equal(1, source.Stats.SkippedTruncated);
        Assert.Equal(1, source.Stats.SkippedNotImage);
        Assert.Contains(source.Stats.Reasons, r => r.StartsWith("frames/cut.png: truncated Png", StringComparison.Ordinal));
        Assert.Contains(source.Stats.Reasons, r => r.StartsWith("frames/notes.txt: not an image", StringComparison.Ordinal));
    }

    [Fact]
    public void Poll_FasterThanFpsCap_ExtraFramesDropped()
    {
        var png = Image(SKColors.Gray, 8, 8, SKEncodedImageFormat.Png);
        for (var i = 0; i < 10; i++)
        {
            Write($"f{i}.png", png, T0.AddMilliseconds(250 * i)); // 4 frames a second for 2.5 s
        }
        using var buffer = FeedBuffer.Open(_files.Database);
        var source = new FrameFolderSource(Config(fps: 1));

        Assert.Equal(3, source.Poll(buffer)); // t = 0, 1, 2 s
        Assert.Equal(7, source.Stats.SkippedOverFpsCap);
    }

    [Fact]
    public void Poll_NoConsentOrExcluded_NothingEntersTheBuffer()
    {
        Write("private/secret-window.png", Image(SKColors.Red, 8, 8, SKEncodedImageFormat.Png), T0);
        Write("public.png", Image(SKColors.Blue, 8, 8, SKEncodedImageFormat.Png), T0.AddSeconds(5));
        using var buffer = FeedBuffer.Open(_files.Database);

        Assert.Equal(0, new FrameFolderSource(Config(consent: false)).Poll(buffer));
        Assert.Equal(0, buffer.Stats().Frames);
        var source = new FrameFolderSource(Config(exclusions: "glob:frames/private/**"));
        Assert.Equal(1, source.Poll(buffer));
        Assert.Equal("frames/public.png", Assert.Single(buffer.Frames(T0, T0.AddSeconds(10))).Source);
        Assert.Equal(1, source.Stats.FilesExcluded);
    }

    [Theory]
    [InlineData(0.0, 16, "fps_cap")]
    [InlineData(61.0, 16, "fps_cap")]
    [InlineData(1.0, 4, "frame_size")]
    public void Constructor_BadOption_NamesIt(double fps, int size, string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new FrameFolderSource(Config(fps: fps) with { FrameSize = size }));
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void Nearest_WithinTwoSeconds_PairsTheTurnWithItsFrame()
    {
        var frames = new[] { new FeedFrame(1, "a", T0, 8, new float[64]), new FeedFrame(2, "b", T0.AddSeconds(3), 8, new float[64]) };

        Assert.Equal("a", FrameAligner.Nearest(frames, T0.AddSeconds(1.2))!.Source);
        Assert.Equal("b", FrameAligner.Nearest(frames, T0.AddSeconds(2.0))!.Source);
        Assert.Equal("b", FrameAligner.Nearest(frames, T0.AddSeconds(5.0))!.Source);
        Assert.Null(FrameAligner.Nearest(frames, T0.AddSeconds(5.1)));
        Assert.Null(FrameAligner.Nearest(frames, T0.AddSeconds(-2.5)));
    }

    private void Write(string relative, byte[] bytes, DateTimeOffset time)
    {
        var path = Path.Combine(Frames, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!); // under Frames
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, time.UtcDateTime);
    }

    internal static byte[] Image(SKColor color, int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        return data.ToArray();
    }
}
