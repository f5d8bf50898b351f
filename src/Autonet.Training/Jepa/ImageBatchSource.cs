// Fashion-MNIST (or any ImageDataset) as JEPA batches: images (B, 1, H, W) and I-JEPA multi-block masks on the
// patch grid (4 target blocks of scale 0.15-0.2, a context block of scale 0.85-1.0 minus the targets). When the
// model has an invariance term (JepaConfig.InvarianceWeight > 0) a training batch holds two augmented views of each
// image (ImageAugmentation: random resized crop + flip), first views then second views; probes see plain images.
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
    private readonly ImageAugmentation? _augmentation;

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
        _augmentation = config.InvarianceWeight > 0 ? new ImageAugmentation() : null;
    }

    /// <summary>Two augmented views per sample when the model pairs views; otherwise the plain images.</summary>
    public override JepaInput TrainingInput(ReadOnlySpan<int> indices, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (_augmentation is null)
        {
            return Input(indices);
        }
        var (pixels, b) = (_data.PixelsPerImage, indices.Length);
        var images = Tensor.Zeros(2 * b, 1, _data.Rows, _data.Columns); // (2B, 1, H, W): rows i and i + B are views of one image
        for (var view = 0; view < 2; view++)
        {
            for (var i = 0; i < b; i++)
            {
                _augmentation.Apply(_data.Image(indices[i]), images.Span.Slice(((view * b) + i) * pixels, pixels), _data.Rows, _data.Columns, random);
            }
        }
        return JepaInput.FromImages(images);
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
