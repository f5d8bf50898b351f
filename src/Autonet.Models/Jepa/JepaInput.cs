using Autonet.Tensors;

namespace Autonet.Models.Jepa;

/// <summary>
/// One batch of model input: images (B, Cin, H, W) for image JEPA, token ids (B * T) for text JEPA, or both for a
/// multimodal model, whose per-sample flags say which modality a sample really has (a sample without its image, or
/// without its text, is read through the model's learned "no image" / "no text" embedding; its pixels or ids there
/// are ignored). Batch is B.
/// </summary>
public sealed record JepaInput(Tensor? Images, int[]? Ids, int Batch)
{
    /// <summary>Per sample: it has an image (multimodal input only; null = every sample that has images).</summary>
    public bool[]? HasVisual { get; init; }

    /// <summary>Per sample: it has text (multimodal input only; null = every sample that has ids).</summary>
    public bool[]? HasText { get; init; }

    /// <summary>Per sample: how many leading ids are real text, the rest padding (null = all of them).</summary>
    public int[]? TextLengths { get; init; }

    /// <summary>Per sample: its index in the data set (null = unknown), so an InfoNCE queue can leave out a sample's own earlier key.</summary>
    public int[]? SampleIds { get; init; }

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

    /// <summary>Images (B, Cin, H, W) and ids (B * T) of B samples with per-sample flags and text lengths.</summary>
    /// <exception cref="ArgumentException">A flag array is not of length B, or a sample has neither modality.</exception>
    public static JepaInput FromPairs(Tensor images, int[] ids, bool[] hasVisual, bool[] hasText, int[]? textLengths = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(hasVisual);
        ArgumentNullException.ThrowIfNull(hasText);
        var b = images.Shape[0];
        if (hasVisual.Length != b || hasText.Length != b || (textLengths != null && textLengths.Length != b))
        {
            Errors.Argument(nameof(hasVisual), $"{b} images need {b} has_visual, has_text and text-length entries, got {hasVisual.Length}, {hasText.Length} and {textLengths?.Length}");
        }
        for (var i = 0; i < b; i++)
        {
            if (!hasVisual[i] && !hasText[i])
            {
                Errors.Argument(nameof(hasText), $"sample {i} has neither an image nor text (has_visual and has_text are both false)");
            }
        }
        return new JepaInput(images, ids, b) { HasVisual = hasVisual, HasText = hasText, TextLengths = textLengths };
    }

    /// <summary>Whether sample i has an image.</summary>
    public bool Visual(int i) => Images != null && (HasVisual?[i] ?? true);

    /// <summary>Whether sample i has text.</summary>
    public bool Textual(int i) => Ids != null && (HasText?[i] ?? true);
}
