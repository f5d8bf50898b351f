namespace Autonet.Training.Evaluation;

/// <summary>One retrieval direction: recall at 1 and 5, and how many distinct items were some query's nearest neighbour.</summary>
public sealed record RetrievalDirection(double RecallAt1, double RecallAt5, int DistinctNeighbours, int Queries)
{
    /// <summary>Distinct nearest neighbours as a share of the queries (collapse shows as a small share).</summary>
    public double DistinctShare => (double)DistinctNeighbours / Queries;
}
