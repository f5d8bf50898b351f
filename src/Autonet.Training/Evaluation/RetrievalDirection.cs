namespace Autonet.Training.Evaluation;

/// <summary>
/// One retrieval direction: recall at 1 and 5, how many distinct items were some query's nearest neighbour, and the
/// share of queries whose nearest neighbour is one of the <see cref="Hubs"/> items most often nearest (hubness: near
/// Hubs / Queries when the nearest neighbours are spread, near 1 when a few items are near everything).
/// </summary>
public sealed record RetrievalDirection(double RecallAt1, double RecallAt5, int DistinctNeighbours, int Queries, double TopHubShare)
{
    /// <summary>The hubs <see cref="TopHubShare"/> counts.</summary>
    public const int Hubs = 10;

    /// <summary>Distinct nearest neighbours as a share of the queries (collapse shows as a small share).</summary>
    public double DistinctShare => (double)DistinctNeighbours / Queries;
}
