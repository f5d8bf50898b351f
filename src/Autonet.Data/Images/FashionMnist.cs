// Loads Fashion-MNIST (Xiao et al. 2017) from Debian's dataset-fashion-mnist package: 28x28 grey images,
// 10 classes, 60000 train and 10000 test. Images and labels are read with IdxFile and checked against each
// other (same count, labels < 10). It does not download anything and does not augment.
namespace Autonet.Data.Images;

/// <summary>Fashion-MNIST reader over the gzipped IDX files of Debian's package.</summary>
public static class FashionMnist
{
    /// <summary>Where Debian's dataset-fashion-mnist installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    public const int ImageSide = 28;

    public const int ClassCount = 10;

    /// <summary>Mean of x/255 over the 60000 train images (checked against the real file by a test).</summary>
    public const float TrainMean = 0.2860f;

    /// <summary>Population std of x/255 over the 60000 train images (checked against the real file by a test).</summary>
    public const float TrainStd = 0.3530f;

    /// <summary>Class names in label order (Zalando's labels).</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Path of the images (or labels) file of a split.</summary>
    public static string FilePath(string directory, FashionMnistSplit split, bool labels) =>
        Path.Combine(directory, (split == FashionMnistSplit.Train ? "train" : "t10k") + (labels ? "-labels-idx1-ubyte.gz" : "-images-idx3-ubyte.gz"));

    /// <summary>Loads a split, normalized as asked; maxCount keeps only the first images (for quick runs).</summary>
    /// <exception cref="InvalidDataException">a file is corrupt, or images and labels disagree</exception>
    public static ImageDataset Load(
        FashionMnistSplit split,
        PixelNormalization normalization = PixelNormalization.Standardized,
        string directory = DefaultDirectory,
        int? maxCount = null)
    {
        if (maxCount is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max, nameof(maxCount));
        }
        var imagesPath = FilePath(directory, split, labels: false);
        var labelsPath = FilePath(directory, split, labels: true);
        var images = IdxFile.Read(imagesPath, IdxFile.ImagesMagic, maxCount);
        var labels = IdxFile.Read(labelsPath, IdxFile.LabelsMagic, maxCount);
        if (images.Dimensions[1] != ImageSide || images.Dimensions[2] != ImageSide)
        {
            Errors.Idx(imagesPath, $"images are {images.Dimensions[1]}x{images.Dimensions[2]}, Fashion-MNIST images are {ImageSide}x{ImageSide}");
        }
        if (images.Dimensions[0] != labels.Dimensions[0])
        {
            Errors.Idx(labelsPath, $"{labels.Dimensions[0]} labels for {images.Dimensions[0]} images in '{imagesPath}'; counts must match");
        }
        for (var i = 0; i < labels.Data.Length; i++)
        {
            if (labels.Data[i] >= ClassCount)
            {
                Errors.Idx(labelsPath, $"label {labels.Data[i]} at index {i} is not a class (0..{ClassCount - 1})");
            }
        }
        return new ImageDataset(Normalize(images.Data, normalization), labels.Data, ImageSide, ImageSide, normalization);
    }

    /// <summary>Bytes to floats: UnitRange gives x/255, Standardized gives (x/255 - TrainMean)/TrainStd.</summary>
    public static float[] Normalize(ReadOnlySpan<byte> bytes, PixelNormalization normalization)
    {
        // A 256-entry table: one lookup per pixel instead of a divide, and exactly the same float for the same byte.
        var table = new float[256];
        for (var b = 0; b < 256; b++)
        {
            var unit = b / 255f;
            table[b] = normalization == PixelNormalization.UnitRange ? unit : (unit - TrainMean) / TrainStd;
        }
        var result = new float[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            result[i] = table[bytes[i]];
        }
        return result;
    }
}
