namespace Autonet.Node.Feed;

/// <summary>
/// What one feed batch trained: its interactions (first and last sequence number; 0 when it held frames only), text
/// windows, each step's loss, the model's step after, and how many windows had a frame. A multimodal trainer also
/// says how many samples of each kind it trained and the batch's losses by modality (mean over its steps; null when
/// no step had such rows).
/// </summary>
public sealed record FeedTrainingResult(long First, long Last, int Windows, IReadOnlyList<float> Losses, int ModelStep, int WindowsWithFrame)
{
    /// <summary>Samples with a turn and its frame (has_text and has_visual).</summary>
    public int Paired { get; init; }

    /// <summary>Samples with a turn and no frame within ±2 s.</summary>
    public int TextOnly { get; init; }

    /// <summary>Samples with a frame no turn of the batch was paired with.</summary>
    public int VisualOnly { get; init; }

    /// <summary>Smooth L1 at the masked patches (samples with a frame).</summary>
    public float? ImageLoss { get; init; }

    /// <summary>Smooth L1 at the masked text spans (samples with a turn).</summary>
    public float? TextLoss { get; init; }

    /// <summary>Smooth L1 of each modality's prediction of the other's pooled embedding (paired samples).</summary>
    public float? CrossModalLoss { get; init; }
}
