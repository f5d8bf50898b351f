using Autonet.Tensors;

namespace Autonet.Models.Jepa;

/// <summary>
/// One batch of model input: images (B, Cin, H, W) for image JEPA, or token ids (B * T) for text JEPA.
/// Exactly one of the two is set; Batch is B.
/// </summary>
public sealed record JepaInput(Tensor? Images, int[]? Ids, int Batch)
{
    public static JepaInput FromImages(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return new JepaInput(images, null, images.Shape[0]);
    }

    public static JepaInput FromIds(int[] ids, int batch)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        return new JepaInput(null, ids, batch);
    }
}
