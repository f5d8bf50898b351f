namespace Autonet.Training.Evaluation;

/// <summary>
/// Retrieval among <see cref="Pairs"/> held-out pairs and the collapse metrics of the four embedding sets: image and
/// text keys (pooled target embeddings) and image and text queries (each modality's prediction of the other's). Each
/// head makes one shared space, searched both ways: the text space (image queries beside text keys: <see
/// cref="ImageToText"/>, and text keys ranking image queries: <see cref="TextToImageInTextSpace"/>) and the image space
/// (<see cref="TextToImage"/>: text queries beside image keys, and <see cref="ImageToTextInImageSpace"/>).
/// </summary>
public sealed record RetrievalReport(int Pairs, RetrievalDirection ImageToText, RetrievalDirection TextToImage,
    CollapseMetrics ImageKeys, CollapseMetrics TextKeys, CollapseMetrics ImageQueries, CollapseMetrics TextQueries)
{
    /// <summary>Each text's key ranks every image's query (the image head's prediction of its text embedding).</summary>
    public required RetrievalDirection TextToImageInTextSpace { get; init; }

    /// <summary>Each image's key ranks every text's query (the text head's prediction of its image embedding).</summary>
    public required RetrievalDirection ImageToTextInImageSpace { get; init; }
}
