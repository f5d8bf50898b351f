// Views of one grey image for joint-embedding training: a random resized crop (area scale and aspect ratio drawn
// log-uniformly as torchvision's RandomResizedCrop does, here scale 0.35-1.0 and ratio 3/4-4/3 for 28x28 pictures),
// resampled bilinearly back to the full size, then a horizontal flip with probability 1/2. The crop stays inside the
// picture, so no padding value is invented. Deterministic for a generator; not a general image library (no colour).
using Autonet.Core.Randomness;

namespace Autonet.Training.Jepa;

/// <summary>Random resized crop + horizontal flip of an (H, W) grey image into a caller buffer.</summary>
public sealed record ImageAugmentation
{
    /// <summary>Smallest fraction of the picture's area a crop keeps.</summary>
    public double MinScale { get; init; } = 0.35;

    public double MaxScale { get; init; } = 1.0;

    public double MinRatio { get; init; } = 3.0 / 4;

    public double MaxRatio { get; init; } = 4.0 / 3;

    public double FlipProbability { get; init; } = 0.5;

    /// <exception cref="ArgumentException">A range is empty or outside (0, 1] (scale) or (0, inf) (ratio).</exception>
    public void Validate()
    {
        if (!(MinScale > 0 && MinScale <= MaxScale && MaxScale <= 1))
        {
            Errors.Option("crop_scale", $"{MinScale}-{MaxScale}", "need 0 < min <= max <= 1");
        }
        if (!(MinRatio > 0 && MinRatio <= MaxRatio && double.IsFinite(MaxRatio)))
        {
            Errors.Option("crop_ratio", $"{MinRatio}-{MaxRatio}", "need 0 < min <= max, finite");
        }
        if (FlipProbability is < 0 or > 1)
        {
            Errors.Option("flip_probability", FlipProbability, "must be in [0, 1]");
        }
    }

    /// <summary>Writes one augmented view of <paramref name="image"/> (H, W) into <paramref name="view"/> (H, W).</summary>
    public void Apply(ReadOnlySpan<float> image, Span<float> view, int height, int width, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (image.Length != height * width || view.Length != image.Length)
        {
            throw new ArgumentException($"need image and view of {height}x{width} = {height * width} pixels, got {image.Length} and {view.Length}", nameof(image));
        }
        var (ch, cw) = CropSize(height, width, random);
        var top = random.NextDouble() * (height - ch); // (top, left) in pixels, the crop inside the picture
        var left = random.NextDouble() * (width - cw);
        var flip = random.NextDouble() < FlipProbability;
        for (var y = 0; y < height; y++)
        {
            // sample at pixel centres: source = top + (y + 0.5) * ch / H - 0.5 (align_corners = false)
            var sy = Math.Clamp(top + ((y + 0.5) * ch / height) - 0.5, 0, height - 1);
            var y0 = (int)sy;
            var y1 = Math.Min(y0 + 1, height - 1);
            var fy = (float)(sy - y0);
            for (var x = 0; x < width; x++)
            {
                var sx = Math.Clamp(left + ((x + 0.5) * cw / width) - 0.5, 0, width - 1);
                var x0 = (int)sx;
                var x1 = Math.Min(x0 + 1, width - 1);
                var fx = (float)(sx - x0);
                var a = image[(y0 * width) + x0] + (fx * (image[(y0 * width) + x1] - image[(y0 * width) + x0]));
                var b = image[(y1 * width) + x0] + (fx * (image[(y1 * width) + x1] - image[(y1 * width) + x0]));
                view[(y * width) + (flip ? width - 1 - x : x)] = a + (fy * (b - a));
            }
        }
    }

    // Area fraction and log aspect ratio uniform; ten tries to fit inside, then the whole picture (torchvision's rule).
    private (double Height, double Width) CropSize(int height, int width, SeededRandom random)
    {
        var area = (double)height * width;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var target = area * random.NextDouble(MinScale, MaxScale);
            var ratio = Math.Exp(random.NextDouble(Math.Log(MinRatio), Math.Log(MaxRatio)));
            var w = Math.Sqrt(target * ratio);
            var h = Math.Sqrt(target / ratio);
            if (w <= width && h <= height)
            {
                return (h, w);
            }
        }
        return (height, width);
    }
}
