namespace Autonet.Protocol.Aggregation;

/// <summary>
/// Batcher's odd-even merge sort network (Knuth, TAOCP vol. 3, §5.3.4) for any n, pruned to the outputs a
/// rule needs. The network is built for the next power of two P ≥ n; the P − n missing inputs count as +∞,
/// so every comparator touching an index ≥ n is a no-op and is dropped. Then comparators that cannot reach
/// an output rank in [first, last] are dropped too (a backward pass over the dependency). Comparators are
/// (low, high): after one, low holds the minimum. <see cref="CompiledNetwork"/> turns it into straight-line vector code.
/// </summary>
internal static class SortingNetwork
{
    /// <summary>Comparators that put ranks first..last of n inputs in place (ascending).</summary>
    public static (int Low, int High)[] Build(int count, int first, int last)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(last, count);

        var full = new List<(int Low, int High)>();
        var size = 1;
        while (size < count)
        {
            size *= 2;
        }

        // Iterative form of Batcher's merge exchange: p = size of sorted runs being merged, k = comparator span.
        for (var p = 1; p < size; p *= 2)
        {
            for (var k = p; k >= 1; k /= 2)
            {
                for (var j = k % p; j + k < size; j += 2 * k)
                {
                    for (var i = 0; i < Math.Min(k, size - j - k); i++)
                    {
                        var low = i + j;
                        var high = i + j + k;
                        if (low / (2 * p) == high / (2 * p) && high < count)
                        {
                            full.Add((low, high));
                        }
                    }
                }
            }
        }

        var needed = new bool[count];
        for (var r = first; r <= last; r++)
        {
            needed[r] = true;
        }

        var kept = new List<(int Low, int High)>();
        for (var c = full.Count - 1; c >= 0; c--)
        {
            var (low, high) = full[c];
            if (needed[low] || needed[high])
            {
                needed[low] = needed[high] = true;
                kept.Add((low, high));
            }
        }

        kept.Reverse();
        return [.. kept];
    }
}
