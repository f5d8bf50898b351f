namespace Autonet.Training.Evaluation;

/// <summary>The four directions of a VL-JEPA's two shared spaces, scored one way (see <see cref="RetrievalReport"/>).</summary>
public sealed record RetrievalDirections(RetrievalDirection ImageToText, RetrievalDirection TextToImageInTextSpace,
    RetrievalDirection TextToImage, RetrievalDirection ImageToTextInImageSpace);
