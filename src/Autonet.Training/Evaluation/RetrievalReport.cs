namespace Autonet.Training.Evaluation;

/// <summary>
/// Retrieval among <see cref="Pairs"/> held-out pairs and the collapse metrics of the four embedding sets: image and
/// text keys (pooled target embeddings) and image and text queries (each modality's prediction of the other's). Each
/// head makes one shared space, searched both ways: the text space (image queries beside text keys: <see
/// cref="ImageToText"/>, and text keys ranking image queries: <see cref="TextToImageInTextSpace"/>) and the image space
/// (<see cref="TextToImage"/>: text queries beside image keys, and <see cref="ImageToTextInImageSpace"/>). These rank by
/// cosine after centring on the training pairs' means; <see cref="Csls"/> ranks the same embeddings by CSLS with a
/// training querybank (RetrievalReference).
/// </summary>
public sealed record RetrievalReport(int Pairs, RetrievalDirection ImageToText, RetrievalDirection TextToImage,
    CollapseMetrics ImageKeys, CollapseMetrics TextKeys, CollapseMetrics ImageQueries, CollapseMetrics TextQueries)
{
    /// <summary>Each text's key ranks every image's query (the image head's prediction of its text embedding).</summary>
    public required RetrievalDirection TextToImageInTextSpace { get; init; }

    /// <summary>Each image's key ranks every text's query (the text head's prediction of its image embedding).</summary>
    public required RetrievalDirection ImageToTextInImageSpace { get; init; }

    /// <summary>The four directions ranked by CSLS (2 cos - the key's mean cosine to its 10 nearest training queries).</summary>
    public required RetrievalDirections Csls { get; init; }

    /// <summary>
    /// |mean| / mean |x| of each held-out set (imageKeys, textKeys, imageQueries, textQueries): as embedded, and after
    /// subtracting the training mean that retrieval subtracts.
    /// </summary>
    public required IReadOnlyDictionary<string, (double Raw, double TrainCentred)> Offsets { get; init; }

    /// <summary>Training pairs the means and the querybank came from.</summary>
    public required int ReferencePairs { get; init; }
}
