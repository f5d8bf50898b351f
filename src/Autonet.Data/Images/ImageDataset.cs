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
}
