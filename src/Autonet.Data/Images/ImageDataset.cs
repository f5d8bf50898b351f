namespace Autonet.Data.Images;

/// <summary>
/// Grey images with class labels: Pixels is (Count, Rows, Cols) row-major, one channel, already normalized.
/// </summary>
public sealed record ImageDataset(float[] Pixels, byte[] Labels, int Rows, int Columns, PixelNormalization Normalization)
{
    public int Count => Labels.Length;

    public int PixelsPerImage => Rows * Columns;

    /// <summary>The pixels of image <paramref name="index"/>, (Rows, Cols).</summary>
    public ReadOnlySpan<float> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
    }

    /// <summary>A copy holding only the given images, in the given order (e.g. one client's DirichletSplitter share).</summary>
    public ImageDataset Subset(ReadOnlySpan<int> indices)
    {
        var pixels = new float[indices.Length * PixelsPerImage];
        var labels = new byte[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            Image(indices[i]).CopyTo(pixels.AsSpan(i * PixelsPerImage));
            labels[i] = Labels[indices[i]];
        }
        return this with { Pixels = pixels, Labels = labels };
    }
}
