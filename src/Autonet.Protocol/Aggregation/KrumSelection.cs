namespace Autonet.Protocol.Aggregation;

/// <summary>
/// Krum's scoring and choice (Blanchard et al. 2017, §4): score(i) = sum of the n − f − 2 smallest squared
/// distances from update i to the others; keep the m lowest scores, ties broken by solver order. Shared by both
/// backends: only the distance matrix is a kernel.
/// </summary>
internal static class KrumSelection
{
    /// <summary>Scores of every update, and all indices ranked by (score, index); the first m are selected.</summary>
    public static (double[] Scores, int[] Ranking) Rank(double[] distances, int count, int byzantine)
    {
        var neighbours = count - byzantine - 2;
        var scores = new double[count];
        var row = new double[count - 1];
        for (var i = 0; i < count; i++)
        {
            var k = 0;
            for (var j = 0; j < count; j++)
            {
                if (j != i)
                {
                    row[k++] = distances[(i * count) + j];
                }
            }

            Array.Sort(row);
            var score = 0.0;
            for (var r = 0; r < neighbours; r++)
            {
                score += row[r];
            }

            scores[i] = score;
        }

        var order = Enumerable.Range(0, count).ToArray();
        Array.Sort(order, (a, b) => scores[a] != scores[b] ? scores[a].CompareTo(scores[b]) : a.CompareTo(b));
        return (scores, order);
    }
}
