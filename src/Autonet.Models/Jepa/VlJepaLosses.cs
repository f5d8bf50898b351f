namespace Autonet.Models.Jepa;

/// <summary>
/// A multimodal batch's losses by part (smooth L1 per row group; null when the batch had no such rows): masked
/// patches, masked text spans, the cross-modal rows (each modality's prediction of the other's pooled target), the
/// weighted InfoNCE term on those rows, the weighted uniformity term on them (null when it is off), and the InfoNCE
/// temperature used (null unless it is learned).
/// </summary>
public sealed record VlJepaLosses(float? Image, float? Text, float? CrossModal, float Contrast, float? Uniformity = null, float? Temperature = null);
