namespace Autonet.Tensors;

/// <summary>
/// How many threads the row-parallel ops use (layer norm, GELU, softmax, attention heads). Every op splits
/// work into disjoint rows or heads, and reductions across rows run in a fixed chunk order, so results do not
/// depend on scheduling; setting <see cref="Degree"/> to 1 (and Gemm.NativeThreads to 1) gives one-thread runs.
/// </summary>
public static class Parallelism
{
    private static int _degree = Environment.ProcessorCount;

    public static int Degree
    {
        get => _degree;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _degree = value;
        }
    }

    /// <summary>Runs body(start, end) over [0, count) in at most Degree contiguous chunks of at least minChunk items.</summary>
    public static void For(int count, int minChunk, Action<int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var chunks = Math.Min(_degree, Math.Max(1, count / Math.Max(1, minChunk)));
        if (chunks <= 1)
        {
            body(0, count);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, c =>
        {
            var start = (int)((long)count * c / chunks);
            var end = (int)((long)count * (c + 1) / chunks);
            body(start, end);
        });
    }
}
