// Fashion-MNIST (or any ImageDataset) as JEPA batches: images (B, 1, H, W) and I-JEPA multi-block masks on the
// patch grid (4 target blocks of scale 0.15-0.2, a context block of scale 0.85-1.0 minus the targets).
using Autonet.Core.Randomness;
using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Models.Masking;
using Autonet.Tensors;

namespace Autonet.Training.Jepa;

/// <summary>Image batches with multi-block masks.</summary>
public sealed class ImageBatchSource : BatchSource
{
    private readonly ImageDataset _data;
    private readonly ImageMasker _masker;

    public ImageBatchSource(ImageDataset data, JepaConfig config, ImageMaskConfig? masks = null)
        : base(data?.Count ?? 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(config);
        if (config.Modality != Modality.Image || data.Rows != config.ImageSize || data.Columns != config.ImageSize || config.InChannels != 1)
        {
            Errors.Option("image_size", config.ImageSize, $"the data set has {data.Rows}x{data.Columns} grey images; the model needs an image config of that size with 1 channel");
        }
        _data = data;
        _masker = new ImageMasker((masks ?? new ImageMaskConfig()) with { GridHeight = config.GridSize, GridWidth = config.GridSize });
    }

    public override JepaInput Input(ReadOnlySpan<int> indices)
    {
        var pixels = _data.PixelsPerImage;
        var images = Tensor.Zeros(indices.Length, 1, _data.Rows, _data.Columns); // (B, 1, H, W)
        for (var i = 0; i < indices.Length; i++)
        {
            _data.Image(indices[i]).CopyTo(images.Span.Slice(i * pixels, pixels));
        }
        return JepaInput.FromImages(images);
    }

    public override JepaMasks Masks(int batchSize, SeededRandom random) =>
        JepaMasks.FromSets(_masker.SampleBatch(batchSize, random), random);
}
