namespace Autonet.Protocol.Aggregation;

/// <summary>
/// The unit of work and of long sums: a delta is cut into segments of <see cref="Length"/> coordinates. Each segment
/// is computed on its own (its outputs, and one partial sum per long sum, written to fixed slots), by whichever thread
/// takes it; the partial sums are then added in segment order (<see cref="StripedSum.AddSegments"/>). So the bytes
/// depend on the segment length, never on the thread count or on which thread ran what.
/// </summary>
internal static class Segments
{
    /// <summary>Coordinates per segment: 2^16 (256 KB of floats per update); a multiple of every vector width and of 16 stripes.</summary>
    public const int Length = 1 << 16;

    /// <summary>Segments covering <paramref name="length"/> coordinates (the last one may be shorter).</summary>
    public static int Count(int length) => (length / Length) + (length % Length == 0 ? 0 : 1);

    /// <summary>Runs <paramref name="body"/> for every segment index, on up to <paramref name="threads"/> threads.</summary>
    public static void Run(int count, int threads, Action<int> body)
    {
        if (threads <= 1 || count <= 1)
        {
            for (var segment = 0; segment < count; segment++)
            {
                body(segment);
            }

            return;
        }

        // Dynamic scheduling: a thread slowed by a neighbour just takes fewer segments; the results do not move.
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }
}
