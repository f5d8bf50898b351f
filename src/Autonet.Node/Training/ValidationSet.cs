// A proposer's hidden validation set: images (N, 1, 28, 28) as one safetensors tensor "images", so the bytes (and
// hence the CID the proposer commits to) are fixed before the task is posted.
using Autonet.Data.Images;
using Autonet.Tensors;
using Autonet.Tensors.IO;

namespace Autonet.Node.Training;

/// <summary>Encodes and decodes validation-set blobs.</summary>
public static class ValidationSet
{
    public static byte[] Encode(ImageDataset data, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        var pixels = data.PixelsPerImage;
        var values = new float[indices.Length * pixels];
        for (var i = 0; i < indices.Length; i++)
        {
            data.Image(indices[i]).CopyTo(values.AsSpan(i * pixels, pixels));
        }
        using var stream = new MemoryStream();
        Safetensors.Write(stream, [new KeyValuePair<string, Tensor>("images", new Tensor(values, 0, indices.Length, 1, data.Rows, data.Columns))]);
        return stream.ToArray();
    }

    /// <summary>The images as an unlabelled data set (labels 0; pixels as the proposer normalized them).</summary>
    /// <exception cref="FormatException">Not a validation set: no "images" tensor of shape (N, 1, H, W).</exception>
    public static ImageDataset Decode(byte[] bytes)
    {
        SafetensorsData data;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            data = Safetensors.Read(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new FormatException($"validation set is not a readable safetensors file: {e.Message}", e);
        }
        var images = data.Tensors.FirstOrDefault(t => t.Key == "images").Value;
        if (images is null || images.Rank != 4 || images.Shape[1] != 1 || images.Shape[0] == 0)
        {
            throw new FormatException("validation set needs a non-empty tensor 'images' of shape (N, 1, H, W)");
        }
        return new ImageDataset(images.Span.ToArray(), new byte[images.Shape[0]], images.Shape[2], images.Shape[3], PixelNormalization.Standardized);
    }
}
