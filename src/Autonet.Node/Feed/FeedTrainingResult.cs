namespace Autonet.Node.Feed;

/// <summary>What one feed batch trained: its interactions (first and last sequence number), windows, each step's loss, the model's step after, and how many windows had a frame.</summary>
public sealed record FeedTrainingResult(long First, long Last, int Windows, IReadOnlyList<float> Losses, int ModelStep, int WindowsWithFrame);
