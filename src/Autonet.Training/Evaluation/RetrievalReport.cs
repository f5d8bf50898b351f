namespace Autonet.Training.Evaluation;

/// <summary>
/// Retrieval among <see cref="Pairs"/> held-out pairs both ways, and the collapse metrics of the four embedding sets:
/// image and text keys (pooled target embeddings) and image and text queries (each modality's prediction of the other's).
/// </summary>
public sealed record RetrievalReport(int Pairs, RetrievalDirection ImageToText, RetrievalDirection TextToImage,
    CollapseMetrics ImageKeys, CollapseMetrics TextKeys, CollapseMetrics ImageQueries, CollapseMetrics TextQueries);
